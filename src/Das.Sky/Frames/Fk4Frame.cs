namespace Das.Sky.Frames;

/// <summary>
/// FK4 B1950 specifics: the E-terms of aberration and the FK4 → FK5 rotation at observation epoch B1950.
/// </summary>
/// <remarks>
/// Follows the algorithm astropy documents for <c>FK4</c> → <c>FK4NoETerms</c> → <c>FK5</c> (Standish 1982;
/// Murray 1989 for the epoch term; Explanatory Supplement 1992 for the orbital elements).
/// </remarks>
internal static class Fk4Frame
{
    /// <summary>Julian date (TT) of the Besselian epoch B1950.0.</summary>
    private const double JdB1950 = 2433282.4234590507;

    /// <summary>Julian year of B1950.0.</summary>
    private const double JulianYearB1950 = 2000.0 + ((JdB1950 - 2451545.0) / 365.25);

    private static readonly Vector3 ETerms = ComputeETerms(JdB1950);

    /// <summary>Removes the E-terms of aberration from an FK4 unit vector (result is a unit vector).</summary>
    public static Vector3 RemoveETerms(Vector3 r)
    {
        Vector3 a = ETerms;
        Vector3 corrected = r - a + r.Scale(a.Dot(r));
        return corrected.Normalized();
    }

    /// <summary>FK4 without E-terms (equinox and epoch B1950) → FK5 J2000.</summary>
    public static Matrix3 NoETermsToFk5J2000()
    {
        var b = new Matrix3(
            0.9999256794956877, -0.0111814832204662, -0.0048590038153592,
            0.0111814832391717, +0.9999374848933135, -0.0000271625947142,
            0.0048590037723143, -0.0000271702937440, +0.9999881946023742);

        // FK4 rotates relative to an inertial frame: the matrix changes with the observation epoch (centuries
        // from 1950.0 in Julian years). For epoch B1950 this term is about -2e-6 of the correction matrix.
        const double e = 1.0e-6;
        double t = (JulianYearB1950 - 1950.0) / 100.0;
        return new Matrix3(
            b.M00 + (-0.0026455262 * e * t), b.M01 + (-1.1539918689 * e * t), b.M02 + (+2.1111346190 * e * t),
            b.M10 + (+1.1540628161 * e * t), b.M11 + (-0.0129042997 * e * t), b.M12 + (+0.0236021478 * e * t),
            b.M20 + (-2.1112979048 * e * t), b.M21 + (-0.0056024448 * e * t), b.M22 + (+0.0102587734 * e * t));
    }

    private static Vector3 ComputeETerms(double jd)
    {
        const double degToRad = Math.PI / 180.0;
        const double jd1950 = JdB1950;

        // Constant of aberration (degrees), Earth orbit eccentricity and longitude of perigee at the equinox.
        double k = 0.0056932 * degToRad;
        double t50 = (jd - jd1950) / 36525.0;
        double eccentricity = 0.01673011 + (t50 * (-0.00004193 + (t50 * -0.000000126)));
        double perigeeArcsec = 1015489.951 + (t50 * (6190.67 + (t50 * (1.65 + (t50 * 0.012)))));
        double g = perigeeArcsec / 3600.0 * degToRad;

        // IAU 1980 mean obliquity.
        double t = (jd - 2451545.0) / 36525.0;
        double obliquityArcsec = 84381.448 + (t * (-46.8150 + (t * (-0.00059 + (t * 0.001813)))));
        double o = obliquityArcsec / 3600.0 * degToRad;

        double ek = eccentricity * k;
        return new Vector3(ek * Math.Sin(g), -ek * Math.Cos(g) * Math.Cos(o), -ek * Math.Cos(g) * Math.Sin(o));
    }
}
