using System.Globalization;
using Das.Sky.Angles;
using Das.Sky.Frames;

namespace Das.Sky.Positions;

/// <summary>
/// A direction on the sky in ICRS: right ascension and declination in degrees.
/// </summary>
/// <remarks>
/// Construction wraps RA into [0°, 360°) and rejects a declination outside [-90°, 90°] or a non-finite value
/// (a programming error; text input goes through <see cref="Das.Sky.Parsing.PositionParser"/>, which reports
/// bad input as a value). Other frames are converted on the way in with <see cref="SkyFrames.ToIcrs"/>.
/// </remarks>
public readonly record struct SkyPosition
{
    private const double DegToRad = Math.PI / 180.0;
    private const double RadToDeg = 180.0 / Math.PI;

    /// <summary>Initializes a new instance of the <see cref="SkyPosition"/> struct.</summary>
    /// <param name="ra">Right ascension in degrees; wrapped into [0, 360).</param>
    /// <param name="dec">Declination in degrees, -90 to 90.</param>
    /// <exception cref="ArgumentOutOfRangeException">RA is not finite or Dec is outside [-90, 90].</exception>
    public SkyPosition(double ra, double dec)
    {
        if (!double.IsFinite(ra))
        {
            throw new ArgumentOutOfRangeException(nameof(ra), ra, "RA must be a finite number of degrees.");
        }

        if (!(dec >= -90.0 && dec <= 90.0))
        {
            throw new ArgumentOutOfRangeException(nameof(dec), dec, "Dec must be between -90 and +90 degrees.");
        }

        Ra = Angle.FromDegrees(ra).WrapTo360().Degrees;
        Dec = dec;
    }

    /// <summary>Gets the right ascension in degrees, in [0, 360).</summary>
    /// <value>Degrees east along the ICRS equator.</value>
    public double Ra { get; }

    /// <summary>Gets the declination in degrees, in [-90, 90].</summary>
    /// <value>Degrees north of the ICRS equator.</value>
    public double Dec { get; }

    /// <summary>Gets the right ascension as an <see cref="Angle"/>.</summary>
    public Angle RaAngle => Angle.FromDegrees(Ra);

    /// <summary>Gets the declination as an <see cref="Angle"/>.</summary>
    public Angle DecAngle => Angle.FromDegrees(Dec);

    /// <summary>Angular distance to another position (Vincenty formula: accurate at every distance).</summary>
    /// <param name="other">The other position.</param>
    /// <returns>The separation, 0° to 180°.</returns>
    public Angle SeparationTo(SkyPosition other)
    {
        (double sinD1, double cosD1) = Math.SinCos(Dec * DegToRad);
        (double sinD2, double cosD2) = Math.SinCos(other.Dec * DegToRad);
        (double sinDra, double cosDra) = Math.SinCos((other.Ra - Ra) * DegToRad);
        double a = cosD2 * sinDra;
        double b = (cosD1 * sinD2) - (sinD1 * cosD2 * cosDra);
        double numerator = Math.Sqrt((a * a) + (b * b));
        double denominator = (sinD1 * sinD2) + (cosD1 * cosD2 * cosDra);
        return Angle.FromRadians(Math.Atan2(numerator, denominator));
    }

    /// <summary>Position angle of <paramref name="other"/> seen from this position, east of north.</summary>
    /// <param name="other">The other position.</param>
    /// <returns>The position angle in [0°, 360°): 0° north, 90° east.</returns>
    public Angle PositionAngleTo(SkyPosition other)
    {
        (double sinD1, double cosD1) = Math.SinCos(Dec * DegToRad);
        (double sinD2, double cosD2) = Math.SinCos(other.Dec * DegToRad);
        (double sinDra, double cosDra) = Math.SinCos((other.Ra - Ra) * DegToRad);
        double y = sinDra * cosD2;
        double x = (cosD1 * sinD2) - (sinD1 * cosD2 * cosDra);
        return Angle.FromRadians(Math.Atan2(y, x)).WrapTo360();
    }

    /// <summary>The position reached by moving <paramref name="separation"/> along the great circle that leaves
    /// this position at <paramref name="positionAngle"/> (east of north).</summary>
    /// <param name="separation">The distance to move.</param>
    /// <param name="positionAngle">The direction, east of north.</param>
    /// <returns>The offset position.</returns>
    /// <remarks>At a pole the RA of the start point defines which way north is, so results stay continuous.</remarks>
    public SkyPosition Offset(Angle separation, Angle positionAngle)
    {
        // Spherical triangle: pole, start, end. Known: colatitude of start, distance, angle at start.
        (double sinDist, double cosDist) = Math.SinCos(separation.Radians);
        (double sinPa, double cosPa) = Math.SinCos(positionAngle.Radians);
        (double sinDec, double cosDec) = Math.SinCos(Dec * DegToRad);
        double sinDecEnd = (sinDec * cosDist) + (cosDec * sinDist * cosPa);
        double deltaRa;
        if (cosDec < 1e-12)
        {
            // At a pole, "north" is ill defined: treat the point as infinitesimally close to the pole at its RA.
            deltaRa = sinDec > 0 ? Math.PI - positionAngle.Radians : positionAngle.Radians;
        }
        else
        {
            double y = sinDist * sinPa * cosDec;
            double x = cosDist - (sinDec * sinDecEnd);
            deltaRa = Math.Atan2(y, x);
        }

        double decEnd = Math.Asin(Math.Clamp(sinDecEnd, -1.0, 1.0)) * RadToDeg;
        return new SkyPosition(Ra + (deltaRa * RadToDeg), decEnd);
    }

    /// <summary>Formats the position, invariant culture.</summary>
    /// <param name="format">Decimal degrees or sexagesimal.</param>
    /// <param name="precision">
    /// Decimal: decimals on both degrees (default 6). Sexagesimal: decimals on the Dec arcseconds (default 2);
    /// RA seconds get one more, as an RA second is 15 times coarser.
    /// </param>
    /// <returns>E.g. <c>160.252083 +41.268611</c> or <c>10:41:00.500 +41:16:07.00</c>.</returns>
    public string ToString(PositionFormat format, int precision = -1)
    {
        if (format == PositionFormat.Sexagesimal)
        {
            int dec = precision < 0 ? 2 : Math.Min(precision, Sexagesimal.MaxDecimals - 1);
            return Sexagesimal.FormatHours(Ra / 15.0, dec + 1) + " " + Sexagesimal.FormatDegrees(Dec, dec, alwaysSign: true);
        }

        int decimals = precision < 0 ? 6 : Math.Min(precision, 15);
        var inv = CultureInfo.InvariantCulture;
        string fmt = "F" + decimals.ToString(inv);
        double raRounded = Math.Round(Ra, decimals, MidpointRounding.AwayFromZero);
        string ra = (raRounded >= 360.0 ? 0.0 : raRounded).ToString(fmt, inv);
        double decRounded = Math.Round(Dec, decimals, MidpointRounding.AwayFromZero);
        string decText = Math.Abs(decRounded).ToString(fmt, inv);
        return ra + " " + (decRounded < 0 ? "-" : "+") + decText;
    }

    /// <summary>Formats the position as decimal degrees, e.g. <c>160.252083 +41.268611</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ToString(PositionFormat.DecimalDegrees);
}
