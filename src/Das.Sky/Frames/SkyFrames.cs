using Das.Sky.Positions;

namespace Das.Sky.Frames;

/// <summary>Converts positions given in another <see cref="SkyFrame"/> to ICRS.</summary>
/// <remarks>
/// The rotations are built from the published constants of each frame (no tables); their agreement with
/// astropy 5.2 is checked to 1 mas by the fixtures in <c>tests/Das.Sky.Tests/Fixtures</c>.
/// </remarks>
public static class SkyFrames
{
    private const double ArcsecToDeg = 1.0 / 3600.0;

    /// <summary>FK5 J2000 → ICRS: the transpose of the ICRS → FK5 frame bias (USNO Circular 179).</summary>
    private static readonly Matrix3 Fk5ToIcrs = IcrsToFk5().Transpose();

    /// <summary>Galactic → ICRS, through FK5 J2000 as astropy does.</summary>
    private static readonly Matrix3 GalacticToIcrs = Fk5ToIcrs * GalacticToFk5();

    /// <summary>Barycentric mean ecliptic of J2000 → ICRS.</summary>
    private static readonly Matrix3 EclipticToIcrs = IcrsToMeanEclipticJ2000().Transpose();

    /// <summary>FK4 (E-terms removed, B1950) → ICRS, through FK5 J2000.</summary>
    private static readonly Matrix3 Fk4NoETermsToIcrs = Fk5ToIcrs * Fk4Frame.NoETermsToFk5J2000();

    /// <summary>Converts a longitude and latitude in <paramref name="frame"/> to an ICRS position.</summary>
    /// <param name="frame">The frame of the input.</param>
    /// <param name="longitude">RA, l or λ in degrees.</param>
    /// <param name="latitude">Dec, b or β in degrees, -90 to 90.</param>
    /// <returns>The ICRS position.</returns>
    public static SkyPosition ToIcrs(SkyFrame frame, double longitude, double latitude)
    {
        if (frame == SkyFrame.Icrs)
        {
            return new SkyPosition(longitude, latitude);
        }

        var v = Vector3.FromLonLatDegrees(longitude, latitude);
        Vector3 icrs = frame switch
        {
            SkyFrame.Galactic => GalacticToIcrs * v,
            SkyFrame.Fk5 => Fk5ToIcrs * v,
            SkyFrame.Ecliptic => EclipticToIcrs * v,
            SkyFrame.Fk4 => Fk4NoETermsToIcrs * Fk4Frame.RemoveETerms(v),
            _ => throw new ArgumentOutOfRangeException(nameof(frame), frame, "Unknown frame."),
        };
        (double ra, double dec) = icrs.ToLonLatDegrees();
        return new SkyPosition(ra, dec);
    }

    private static Matrix3 IcrsToFk5()
    {
        // Frame bias offsets of the FK5 J2000 pole (xi0, eta0) and of the equinox (da0), in arcseconds.
        const double eta0 = -0.0199;
        const double xi0 = 0.0091;
        const double da0 = -0.0229;
        return Matrix3.Rotation(0, -eta0 * ArcsecToDeg)
            * Matrix3.Rotation(1, xi0 * ArcsecToDeg)
            * Matrix3.Rotation(2, da0 * ArcsecToDeg);
    }

    private static Matrix3 GalacticToFk5()
    {
        // North galactic pole and the longitude of the north celestial pole, both in FK5 J2000 (astropy's values).
        const double ngpRa = 192.8594812065348;
        const double ngpDec = 27.12825118085622;
        const double lon0 = 122.9319185680026;
        Matrix3 fk5ToGalactic = Matrix3.Rotation(2, 180.0 - lon0)
            * Matrix3.Rotation(1, 90.0 - ngpDec)
            * Matrix3.Rotation(2, ngpRa);
        return fk5ToGalactic.Transpose();
    }

    private static Matrix3 IcrsToMeanEclipticJ2000()
    {
        // IAU 2006 bias-precession at J2000 (Fukushima-Williams angles at t = 0) followed by the rotation by the
        // J2000 mean obliquity. The obliquity rotation cancels the last Fukushima-Williams rotation, leaving
        // R3(-psi) R1(phi) R3(gamma).
        const double gamma = -0.052928;
        const double phi = 84381.412819;
        const double psi = -0.041775;
        return Matrix3.Rotation(2, -psi * ArcsecToDeg)
            * Matrix3.Rotation(0, phi * ArcsecToDeg)
            * Matrix3.Rotation(2, gamma * ArcsecToDeg);
    }
}
