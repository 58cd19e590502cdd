using Das.Vo.Http;

namespace Das.Vo.Sia;

/// <summary>An SIA 2.0 POS value (DALI shapes in ICRS degrees): CIRCLE, RANGE or POLYGON.</summary>
public abstract record Sia2Region
{
    private protected Sia2Region()
    {
    }

    /// <summary>The POS parameter value.</summary>
    public abstract string ToParameter();

    /// <summary>A circle: <c>CIRCLE ra dec radius</c>.</summary>
    public sealed record Circle(double RaDeg, double DecDeg, double RadiusDeg) : Sia2Region
    {
        /// <inheritdoc/>
        public override string ToParameter()
        {
            VoNumber.CheckPosition(RaDeg, DecDeg);
            VoNumber.CheckRadius(RadiusDeg, "radius");
            return $"CIRCLE {VoNumber.Format(RaDeg, "RA")} {VoNumber.Format(DecDeg, "DEC")} {VoNumber.Format(RadiusDeg, "radius")}";
        }
    }

    /// <summary>A coordinate range: <c>RANGE ra1 ra2 dec1 dec2</c>.</summary>
    public sealed record Range(double RaMinDeg, double RaMaxDeg, double DecMinDeg, double DecMaxDeg) : Sia2Region
    {
        /// <inheritdoc/>
        public override string ToParameter()
        {
            VoNumber.CheckPosition(RaMinDeg, DecMinDeg);
            VoNumber.CheckPosition(RaMaxDeg, DecMaxDeg);
            return $"RANGE {VoNumber.Format(RaMinDeg, "RA")} {VoNumber.Format(RaMaxDeg, "RA")} {VoNumber.Format(DecMinDeg, "DEC")} {VoNumber.Format(DecMaxDeg, "DEC")}";
        }
    }

    /// <summary>A polygon: <c>POLYGON ra1 dec1 ra2 dec2 ...</c> (at least three vertices).</summary>
    public sealed record Polygon(IReadOnlyList<(double RaDeg, double DecDeg)> Vertices) : Sia2Region
    {
        /// <inheritdoc/>
        public override string ToParameter()
        {
            if (Vertices.Count < 3)
            {
                throw new ArgumentException("a polygon needs at least three vertices");
            }
            foreach (var (ra, dec) in Vertices)
            {
                VoNumber.CheckPosition(ra, dec);
            }
            return "POLYGON " + string.Join(' ', Vertices.Select(v => $"{VoNumber.Format(v.RaDeg, "RA")} {VoNumber.Format(v.DecDeg, "DEC")}"));
        }
    }
}
