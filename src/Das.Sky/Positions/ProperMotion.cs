using System.Globalization;

namespace Das.Sky.Positions;

/// <summary>
/// Moves catalogue positions along their proper motions from one epoch to another: straight-line motion in space at
/// an unknown (large) distance with no radial velocity, as astropy's <c>SkyCoord.apply_space_motion</c> does when
/// neither parallax nor radial velocity is given (ERFA <c>pmsafe</c>). Epochs are Julian years (J2016.0 = 2016.0).
/// </summary>
public static class ProperMotion
{
    private const double MasToRad = Math.PI / (180.0 * 3600.0 * 1000.0);
    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Moves one position by <paramref name="years"/> (negative to go back in time).</summary>
    /// <param name="raDeg">Right ascension at the starting epoch, degrees.</param>
    /// <param name="decDeg">Declination at the starting epoch, degrees.</param>
    /// <param name="pmRaCosDecMasPerYear">Proper motion in RA times cos(Dec) (the Gaia and VizieR convention), mas/yr.</param>
    /// <param name="pmDecMasPerYear">Proper motion in Dec, mas/yr.</param>
    /// <param name="years">Target epoch minus starting epoch, Julian years.</param>
    /// <returns>The position at the target epoch (RA in [0, 360)); the input unchanged when a motion is not finite.</returns>
    public static (double Ra, double Dec) Propagate(double raDeg, double decDeg, double pmRaCosDecMasPerYear, double pmDecMasPerYear, double years)
    {
        if (!double.IsFinite(pmRaCosDecMasPerYear) || !double.IsFinite(pmDecMasPerYear) || !double.IsFinite(years) || years == 0.0)
        {
            return (raDeg, decDeg);
        }
        double a = raDeg * DegToRad, d = decDeg * DegToRad;
        double sa = Math.Sin(a), ca = Math.Cos(a), sd = Math.Sin(d), cd = Math.Cos(d);
        // Unit vector p and the tangent-plane motion v = μα* e_α + μδ e_δ (rad/yr); the star moves along p + t v.
        double ma = pmRaCosDecMasPerYear * MasToRad * years, md = pmDecMasPerYear * MasToRad * years;
        double x = (cd * ca) - (ma * sa) - (md * sd * ca);
        double y = (cd * sa) + (ma * ca) - (md * sd * sa);
        double z = sd + (md * cd);
        double ra = Math.Atan2(y, x) / DegToRad;
        if (ra < 0)
        {
            ra += 360.0;
        }
        return (ra >= 360.0 ? 0.0 : ra, Math.Atan2(z, Math.Sqrt((x * x) + (y * y))) / DegToRad);
    }

    /// <summary>
    /// Moves every position in place. Rows with a null (NaN) motion or epoch keep their position: a catalogue row
    /// without a measured motion is taken as not moving.
    /// </summary>
    /// <param name="ra">Right ascensions, degrees; replaced.</param>
    /// <param name="dec">Declinations, degrees; replaced.</param>
    /// <param name="pmRaCosDec">μα* in mas/yr.</param>
    /// <param name="pmDec">μδ in mas/yr.</param>
    /// <param name="fromEpoch">Each row's epoch (Julian years).</param>
    /// <param name="toEpoch">The target epoch (Julian years).</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Propagate(Span<double> ra, Span<double> dec, ReadOnlySpan<double> pmRaCosDec, ReadOnlySpan<double> pmDec,
        ReadOnlySpan<double> fromEpoch, double toEpoch)
    {
        if (dec.Length != ra.Length || pmRaCosDec.Length != ra.Length || pmDec.Length != ra.Length || fromEpoch.Length != ra.Length)
        {
            throw new ArgumentException("Positions, motions and epochs must have the same length.", nameof(ra));
        }
        for (int i = 0; i < ra.Length; i++)
        {
            if (double.IsFinite(ra[i]) && dec[i] is >= -90.0 and <= 90.0)
            {
                (ra[i], dec[i]) = Propagate(ra[i], dec[i], pmRaCosDec[i], pmDec[i], toEpoch - fromEpoch[i]);
            }
        }
    }

    /// <summary>
    /// Reads an epoch as a Julian year: <c>J2016.0</c>, <c>J2000</c>, <c>2016.5</c> (Julian), or <c>B1950</c>
    /// (Besselian, converted). Null when the text is none of these or outside years 0–4000.
    /// </summary>
    public static double? ParseEpoch(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var s = text.Trim().AsSpan();
        bool besselian = false;
        if (s[0] is 'J' or 'j')
        {
            s = s[1..];
        }
        else if (s[0] is 'B' or 'b')
        {
            besselian = true;
            s = s[1..];
        }
        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double year) || year is < 0 or > 4000)
        {
            return null;
        }
        return besselian ? BesselianToJulian(year) : year;
    }

    /// <summary>A Besselian epoch as a Julian year (IAU: JD = 2415020.31352 + (B − 1900) × 365.242198781).</summary>
    public static double BesselianToJulian(double besselianYear) =>
        2000.0 + ((2415020.31352 + ((besselianYear - 1900.0) * 365.242198781) - 2451545.0) / 365.25);

    /// <summary>A modified Julian date as a Julian year (MJD 51544.5 = J2000.0).</summary>
    public static double MjdToJulianYear(double mjd) => 2000.0 + ((mjd - 51544.5) / 365.25);
}
