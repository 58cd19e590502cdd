namespace Das.Sky.Healpix;

/// <summary>
/// HEALPix (Górski et al. 2005, ApJ 622, 759) for orders 0 … 29 (nside = 2^order) in both numbering schemes:
/// position ↔ pixel, NESTED ↔ RING, neighbours, pixel corners and boundaries, disc and convex polygon queries.
/// </summary>
/// <remarks>
/// <para>Positions are plain doubles: RA/Dec in degrees (ICRS or whatever frame the map uses), or colatitude θ and
/// longitude φ in radians. Pixel numbers are <see cref="long"/> at every order.</para>
/// <para>Degree inputs are converted exactly as healpy does with <c>lonlat=True</c> (θ = π/2 − dec·π/180,
/// φ = ra·π/180), and near the poles sin θ is used instead of 1 − |cos θ|, so pixel numbers agree with healpy bit
/// for bit, also on pixel edges (tested at orders 0 … 29).</para>
/// <para>This class is thread-safe: it has no state.</para>
/// </remarks>
public static partial class HealpixGrid
{
    /// <summary>The deepest supported order (nside = 2^29, 12·4^29 ≈ 3.5·10^18 pixels).</summary>
    public const int MaxOrder = HealpixMath.MaxOrder;

    /// <summary>Number of pixels at <paramref name="order"/>: 12·4^order.</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <returns>The pixel count.</returns>
    public static long PixelCount(int order)
    {
        HealpixMath.CheckOrder(order);
        return HealpixMath.PixelCount(order);
    }

    /// <summary>
    /// Upper bound of the angular distance between a pixel centre and any point of the same pixel at
    /// <paramref name="order"/>, in degrees (healpy's <c>max_pixrad</c>).
    /// </summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <returns>The bound in degrees.</returns>
    public static double MaxPixelRadius(int order)
    {
        HealpixMath.CheckOrder(order);
        return HealpixMath.MaxPixelRadius(order) * HealpixMath.RadToDeg;
    }

    /// <summary>The pixel containing the position (RA, Dec) in degrees.</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="ra">Right ascension (longitude) in degrees; any finite value, taken modulo 360.</param>
    /// <param name="dec">Declination (latitude) in degrees, −90 … 90.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <returns>The pixel number.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The order or the position is out of range or not finite.</exception>
    public static long Ang2Pix(int order, double ra, double dec, HealpixScheme scheme)
    {
        HealpixMath.CheckOrder(order);
        CheckLonLat(ra, dec);
        return ThetaPhiToPixel(order, HealpixMath.HalfPi - (dec * HealpixMath.DegToRad), ra * HealpixMath.DegToRad, scheme);
    }

    /// <summary>The pixels containing many positions at once (the fast path for catalogues).</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="ra">Right ascensions in degrees.</param>
    /// <param name="dec">Declinations in degrees, −90 … 90.</param>
    /// <param name="pixels">Receives one pixel number per position; at least as long as <paramref name="ra"/>.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The order or a position is out of range or not finite.</exception>
    public static void Ang2Pix(int order, ReadOnlySpan<double> ra, ReadOnlySpan<double> dec, Span<long> pixels, HealpixScheme scheme)
    {
        HealpixMath.CheckOrder(order);
        if (ra.Length != dec.Length || pixels.Length < ra.Length)
        {
            throw new ArgumentException("ra and dec must have the same length and pixels must be at least as long.", nameof(pixels));
        }

        for (var i = 0; i < ra.Length; i++)
        {
            CheckLonLat(ra[i], dec[i]);
            pixels[i] = ThetaPhiToPixel(order, HealpixMath.HalfPi - (dec[i] * HealpixMath.DegToRad), ra[i] * HealpixMath.DegToRad, scheme);
        }
    }

    /// <summary>The pixel containing the direction with colatitude <paramref name="theta"/> and longitude <paramref name="phi"/>.</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="theta">Colatitude in radians, 0 (north pole) … π.</param>
    /// <param name="phi">Longitude in radians; any finite value.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <returns>The pixel number.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The order or the angles are out of range or not finite.</exception>
    public static long ThetaPhi2Pix(int order, double theta, double phi, HealpixScheme scheme)
    {
        HealpixMath.CheckOrder(order);
        if (!(theta >= 0 && theta <= Math.PI) || !double.IsFinite(phi))
        {
            throw new ArgumentOutOfRangeException(nameof(theta), theta, "theta must be in [0, π] and phi finite.");
        }

        return ThetaPhiToPixel(order, theta, phi, scheme);
    }

    /// <summary>Centre of a pixel as (RA, Dec) in degrees, RA in [0, 360).</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="pixel">Pixel number, 0 … 12·4^order − 1.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <returns>The centre.</returns>
    public static (double Ra, double Dec) Pix2Ang(int order, long pixel, HealpixScheme scheme)
    {
        CenterZPhi(order, pixel, scheme, out var z, out var phi, out var sth);
        return (phi * HealpixMath.RadToDeg, Math.Atan2(z, sth) * HealpixMath.RadToDeg);
    }

    /// <summary>Centre of a pixel as colatitude θ and longitude φ in radians.</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="pixel">Pixel number, 0 … 12·4^order − 1.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <returns>The centre.</returns>
    public static (double Theta, double Phi) Pix2ThetaPhi(int order, long pixel, HealpixScheme scheme)
    {
        CenterZPhi(order, pixel, scheme, out var z, out var phi, out var sth);
        return (Math.Atan2(sth, z), phi);
    }

    /// <summary>The RING number of a NESTED pixel.</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="pixel">NESTED pixel number.</param>
    /// <returns>The RING pixel number.</returns>
    public static long Nest2Ring(int order, long pixel)
    {
        HealpixMath.CheckOrder(order);
        HealpixMath.CheckPixel(order, pixel);
        HealpixMath.NestToXyf(order, pixel, out var ix, out var iy, out var face);
        return HealpixMath.XyfToRing(order, ix, iy, face);
    }

    /// <summary>The NESTED number of a RING pixel.</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="pixel">RING pixel number.</param>
    /// <returns>The NESTED pixel number.</returns>
    public static long Ring2Nest(int order, long pixel)
    {
        HealpixMath.CheckOrder(order);
        HealpixMath.CheckPixel(order, pixel);
        HealpixMath.RingToXyf(order, pixel, out var ix, out var iy, out var face);
        return HealpixMath.XyfToNest(order, ix, iy, face);
    }

    internal static void CheckLonLat(double ra, double dec)
    {
        if (!double.IsFinite(ra))
        {
            throw new ArgumentOutOfRangeException(nameof(ra), ra, "RA must be a finite number of degrees.");
        }

        if (!(dec >= -90.0 && dec <= 90.0))
        {
            throw new ArgumentOutOfRangeException(nameof(dec), dec, "Dec must be between −90 and 90 degrees.");
        }
    }

    internal static long ThetaPhiToPixel(int order, double theta, double phi, HealpixScheme scheme)
    {
        // As healpy: carry sin θ within 0.01 rad of the poles, where 1 − |cos θ| has lost its digits.
        var nearPole = theta < 0.01 || theta > 3.14159 - 0.01;
        var z = Math.Cos(theta);
        var sth = nearPole ? Math.Sin(theta) : 0.0;
        if (scheme == HealpixScheme.Nested)
        {
            HealpixMath.ZPhiToXyf(order, z, phi, sth, nearPole, out var ix, out var iy, out var face);
            return HealpixMath.XyfToNest(order, ix, iy, face);
        }

        return HealpixMath.ZPhiToRing(order, z, phi, sth, nearPole);
    }

    private static void CenterZPhi(int order, long pixel, HealpixScheme scheme, out double z, out double phi, out double sth)
    {
        HealpixMath.CheckOrder(order);
        HealpixMath.CheckPixel(order, pixel);
        if (scheme == HealpixScheme.Nested)
        {
            HealpixMath.NestToXyf(order, pixel, out var ix, out var iy, out var face);
            HealpixMath.XyfToZPhi(order, ix, iy, face, out z, out phi, out sth);
        }
        else
        {
            HealpixMath.RingToZPhi(order, pixel, out z, out phi, out sth);
        }
    }

    private static void ToXyf(int order, long pixel, HealpixScheme scheme, out int ix, out int iy, out int face)
    {
        HealpixMath.CheckOrder(order);
        HealpixMath.CheckPixel(order, pixel);
        if (scheme == HealpixScheme.Nested)
        {
            HealpixMath.NestToXyf(order, pixel, out ix, out iy, out face);
        }
        else
        {
            HealpixMath.RingToXyf(order, pixel, out ix, out iy, out face);
        }
    }

    private static long FromXyf(int order, int ix, int iy, int face, HealpixScheme scheme) =>
        scheme == HealpixScheme.Nested ? HealpixMath.XyfToNest(order, ix, iy, face) : HealpixMath.XyfToRing(order, ix, iy, face);
}
