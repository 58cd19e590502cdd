using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Das.Sky.Healpix;

/// <summary>
/// The HEALPix pixel arithmetic (Górski et al. 2005) on <c>(face, x, y)</c> face coordinates, shared by both
/// numbering schemes. Angles are <c>z = cos θ</c> and <c>φ</c>; near the poles the sine of θ is carried along
/// (<c>sth</c>) because <c>1 − z</c> loses all precision there at order 29.
/// </summary>
/// <remarks>
/// Face coordinates: <c>x</c> grows towards the north-east edge of a base pixel, <c>y</c> towards the north-west
/// edge; <c>(0, 0)</c> is the southern corner and <c>(nside − 1, nside − 1)</c> the northern one.
/// </remarks>
internal static class HealpixMath
{
    internal const int MaxOrder = 29;
    internal const double HalfPi = Math.PI / 2.0;
    internal const double TwoThirds = 2.0 / 3.0;
    internal const double InvHalfPi = 0.6366197723675813430755350534900574;
    internal const double DegToRad = Math.PI / 180.0;
    internal const double RadToDeg = 180.0 / Math.PI;

    /// <summary>Ring number (in units of nside) of each base pixel's southern corner, counted from the north pole.</summary>
    internal static ReadOnlySpan<int> FaceRing => [2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4];

    /// <summary>Longitude (in units of π/4) of each base pixel's centre.</summary>
    internal static ReadOnlySpan<int> FacePhi => [1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7];

    /// <summary>4 / npix per order: the squared-ring-number to 1 − z factor of the polar caps.</summary>
    private static readonly double[] Fact2 = Enumerable.Range(0, MaxOrder + 1).Select(o => 4.0 / PixelCount(o)).ToArray();

    internal static void CheckOrder(int order)
    {
        if ((uint)order > MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "HEALPix order must be between 0 and 29.");
        }
    }

    internal static long PixelCount(int order) => 12L << (2 * order);

    internal static void CheckPixel(int order, long pixel)
    {
        if ((ulong)pixel >= (ulong)PixelCount(order))
        {
            throw new ArgumentOutOfRangeException(nameof(pixel), pixel, $"Pixel must be between 0 and 12·4^{order} − 1.");
        }
    }

    /// <summary>Interleaves the low 29 bits of <paramref name="v"/> with zeros (bit i goes to bit 2i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Spread(int v)
    {
        if (Bmi2.X64.IsSupported)
        {
            return (long)Bmi2.X64.ParallelBitDeposit((ulong)(uint)v, 0x5555555555555555UL);
        }

        ulong x = (uint)v;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x << 2)) & 0x3333333333333333UL;
        x = (x | (x << 1)) & 0x5555555555555555UL;
        return (long)x;
    }

    /// <summary>Gathers the even bits of <paramref name="v"/> (bit 2i goes to bit i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Compress(long v)
    {
        if (Bmi2.X64.IsSupported)
        {
            return (int)Bmi2.X64.ParallelBitExtract((ulong)v, 0x5555555555555555UL);
        }

        ulong x = (ulong)v & 0x5555555555555555UL;
        x = (x | (x >> 1)) & 0x3333333333333333UL;
        x = (x | (x >> 2)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x >> 4)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x >> 8)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x >> 16)) & 0x00000000FFFFFFFFUL;
        return (int)x;
    }

    /// <summary>Integer square root, exact for every non-negative long.</summary>
    internal static long ISqrt(long v)
    {
        var r = (long)Math.Sqrt(v + 0.5);
        if (v < (1L << 50))
        {
            return r;
        }

        while (r * r > v)
        {
            r--;
        }

        while ((r + 1) * (r + 1) <= v)
        {
            r++;
        }

        return r;
    }

    /// <summary>Floating-point modulo with a result in <c>[0, m)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Modulo(double v, double m)
    {
        if (v >= 0)
        {
            return v < m ? v : v % m;
        }

        var t = (v % m) + m;
        return t == m ? 0.0 : t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long XyfToNest(int order, int ix, int iy, int face) =>
        ((long)face << (2 * order)) + Spread(ix) + (Spread(iy) << 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void NestToXyf(int order, long pixel, out int ix, out int iy, out int face)
    {
        face = (int)(pixel >> (2 * order));
        var p = pixel & ((1L << (2 * order)) - 1);
        ix = Compress(p);
        iy = Compress(p >> 1);
    }

    internal static long XyfToRing(int order, int ix, int iy, int face)
    {
        long nside = 1L << order;
        var nl4 = 4 * nside;
        var jr = (FaceRing[face] * nside) - ix - iy - 1;
        long nr, before;
        long kshift;
        if (jr < nside)
        {
            nr = jr;
            before = 2 * nr * (nr - 1);
            kshift = 0;
        }
        else if (jr > 3 * nside)
        {
            nr = nl4 - jr;
            before = PixelCount(order) - (2 * (nr + 1) * nr);
            kshift = 0;
        }
        else
        {
            nr = nside;
            before = (2 * nside * (nside - 1)) + ((jr - nside) * nl4);
            kshift = (jr - nside) & 1;
        }

        var jp = ((FacePhi[face] * nr) + ix - iy + 1 + kshift) / 2;
        if (jp > nl4)
        {
            jp -= nl4;
        }
        else if (jp < 1)
        {
            jp += nl4;
        }

        return before + jp - 1;
    }

    internal static void RingToXyf(int order, long pixel, out int ix, out int iy, out int face)
    {
        long nside = 1L << order;
        var nl2 = 2 * nside;
        var ncap = 2 * nside * (nside - 1);
        var npix = PixelCount(order);
        long iring, iphi, kshift, nr;
        if (pixel < ncap)
        {
            iring = (1 + ISqrt(1 + (2 * pixel))) >> 1;
            iphi = pixel + 1 - (2 * iring * (iring - 1));
            kshift = 0;
            nr = iring;
            face = (int)((iphi - 1) / nr);
        }
        else if (pixel < npix - ncap)
        {
            var ip = pixel - ncap;
            var tmp = ip >> (order + 2);
            iring = tmp + nside;
            iphi = ip - (tmp * 4 * nside) + 1;
            kshift = (iring + nside) & 1;
            nr = nside;
            var ire = tmp + 1;
            var irm = nl2 + 2 - ire;
            var ifm = (iphi - (ire / 2) + nside - 1) >> order;
            var ifp = (iphi - (irm / 2) + nside - 1) >> order;
            face = ifp == ifm ? (int)(ifp | 4) : ifp < ifm ? (int)ifp : (int)(ifm + 8);
        }
        else
        {
            var ip = npix - pixel;
            iring = (1 + ISqrt((2 * ip) - 1)) >> 1;
            iphi = (4 * iring) + 1 - (ip - (2 * iring * (iring - 1)));
            kshift = 0;
            nr = iring;
            iring = (2 * nl2) - iring;
            face = 8 + (int)((iphi - 1) / nr);
        }

        var irt = iring - (FaceRing[face] * nside) + 1;
        var ipt = (2 * iphi) - (FacePhi[face] * nr) - kshift - 1;
        if (ipt >= nl2)
        {
            ipt -= 8 * nside;
        }

        ix = (int)((ipt - irt) >> 1);
        iy = (int)((-ipt - irt) >> 1);
    }

    /// <summary>
    /// Face coordinates of the pixel containing <c>(z, φ)</c>. <paramref name="sth"/> is sin θ and is used only
    /// when <paramref name="haveSth"/> (close to the poles, where <c>1 − |z|</c> is imprecise).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ZPhiToXyf(int order, double z, double phi, double sth, bool haveSth, out int ix, out int iy, out int face)
    {
        long nside = 1L << order;
        var za = Math.Abs(z);
        var tt = Modulo(phi * InvHalfPi, 4.0);
        if (za <= TwoThirds)
        {
            var t1 = nside * (0.5 + tt);
            var t2 = nside * (z * 0.75);
            var jp = (long)(t1 - t2);
            var jm = (long)(t1 + t2);
            var ifp = jp >> order;
            var ifm = jm >> order;
            face = ifp == ifm ? (int)(ifp | 4) : ifp < ifm ? (int)ifp : (int)(ifm + 8);
            ix = (int)(jm & (nside - 1));
            iy = (int)(nside - (jp & (nside - 1)) - 1);
        }
        else
        {
            var ntt = Math.Min(3, (int)tt);
            var tp = tt - ntt;
            var tmp = (za < 0.99 || !haveSth) ? nside * Math.Sqrt(3 * (1 - za)) : nside * sth / Math.Sqrt((1.0 + za) / 3.0);
            var jp = Math.Min((long)(tp * tmp), nside - 1);
            var jm = Math.Min((long)((1.0 - tp) * tmp), nside - 1);
            if (z >= 0)
            {
                face = ntt;
                ix = (int)(nside - jm - 1);
                iy = (int)(nside - jp - 1);
            }
            else
            {
                face = ntt + 8;
                ix = (int)jp;
                iy = (int)jm;
            }
        }
    }

    /// <summary>RING pixel containing <c>(z, φ)</c>, computed directly (no detour through face coordinates).</summary>
    internal static long ZPhiToRing(int order, double z, double phi, double sth, bool haveSth)
    {
        long nside = 1L << order;
        var nl4 = 4 * nside;
        var za = Math.Abs(z);
        var tt = Modulo(phi * InvHalfPi, 4.0);
        if (za <= TwoThirds)
        {
            var t1 = nside * (0.5 + tt);
            var t2 = nside * z * 0.75;
            var jp = (long)(t1 - t2);
            var jm = (long)(t1 + t2);
            var ir = nside + 1 + jp - jm;
            var kshift = 1 - (ir & 1);
            var t = jp + jm - nside + kshift + 1 + nl4 + nl4;
            var ip = (t >> 1) & (nl4 - 1);
            return (2 * nside * (nside - 1)) + ((ir - 1) * nl4) + ip;
        }
        else
        {
            var tp = tt - (int)tt;
            var tmp = (za < 0.99 || !haveSth) ? nside * Math.Sqrt(3 * (1 - za)) : nside * sth / Math.Sqrt((1.0 + za) / 3.0);
            var jp = (long)(tp * tmp);
            var jm = (long)((1.0 - tp) * tmp);
            var ir = jp + jm + 1;
            var ip = Math.Min((long)(tt * ir), (4 * ir) - 1);
            return z > 0 ? (2 * ir * (ir - 1)) + ip : PixelCount(order) - (2 * ir * (ir + 1)) + ip;
        }
    }

    /// <summary>Centre of the pixel at face coordinates; <paramref name="sth"/> is always sin θ (precise near the poles).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void XyfToZPhi(int order, long ix, long iy, int face, out double z, out double phi, out double sth)
    {
        long nside = 1L << order;
        var jr = ((long)FaceRing[face] << order) - ix - iy - 1;
        long nr;
        var fact2 = Fact2[order];
        if (jr < nside)
        {
            nr = jr;
            var tmp = nr * nr * fact2;
            z = 1 - tmp;
            sth = Math.Sqrt(tmp * (2 - tmp));
        }
        else if (jr > 3 * nside)
        {
            nr = (4 * nside) - jr;
            var tmp = nr * nr * fact2;
            z = tmp - 1;
            sth = Math.Sqrt(tmp * (2 - tmp));
        }
        else
        {
            nr = nside;
            z = ((2 * nside) - jr) * (2 * nside * fact2);
            sth = Math.Sqrt((1 - z) * (1 + z));
        }

        var t = (FacePhi[face] * nr) + ix - iy;
        if (t < 0)
        {
            t += 8 * nr;
        }

        phi = nr == nside ? 0.75 * HalfPi * t * (2 * nside * fact2) : 0.5 * HalfPi * t / nr;
    }

    /// <summary>Centre of a RING pixel.</summary>
    internal static void RingToZPhi(int order, long pixel, out double z, out double phi, out double sth)
    {
        long nside = 1L << order;
        var npix = PixelCount(order);
        var ncap = 2 * nside * (nside - 1);
        var fact2 = 4.0 / npix;
        if (pixel < ncap)
        {
            var iring = (1 + ISqrt(1 + (2 * pixel))) >> 1;
            var iphi = pixel + 1 - (2 * iring * (iring - 1));
            var tmp = iring * iring * fact2;
            z = 1 - tmp;
            sth = Math.Sqrt(tmp * (2 - tmp));
            phi = (iphi - 0.5) * HalfPi / iring;
        }
        else if (pixel < npix - ncap)
        {
            var ip = pixel - ncap;
            var tmp = ip >> (order + 2);
            var iring = tmp + nside;
            var iphi = ip - (4 * nside * tmp) + 1;
            var fodd = ((iring + nside) & 1) != 0 ? 1.0 : 0.5;
            var fact1 = 2 * nside * fact2;
            z = ((2 * nside) - iring) * fact1;
            sth = Math.Sqrt((1 - z) * (1 + z));
            phi = (iphi - fodd) * Math.PI * 0.75 * fact1;
        }
        else
        {
            var ip = npix - pixel;
            var iring = (1 + ISqrt((2 * ip) - 1)) >> 1;
            var iphi = (4 * iring) + 1 - (ip - (2 * iring * (iring - 1)));
            var tmp = iring * iring * fact2;
            z = tmp - 1;
            sth = Math.Sqrt(tmp * (2 - tmp));
            phi = (iphi - 0.5) * HalfPi / iring;
        }
    }

    /// <summary>
    /// A point inside a base pixel given by continuous face coordinates <c>x, y ∈ [0, 1]</c> (fractions of the face),
    /// used for pixel corners and boundaries.
    /// </summary>
    internal static void FaceLocToZPhi(double x, double y, int face, out double z, out double phi, out double sth)
    {
        var jr = FaceRing[face] - x - y;
        double nr;
        if (jr < 1)
        {
            nr = jr;
            var tmp = nr * nr / 3.0;
            z = 1 - tmp;
            sth = Math.Sqrt(tmp * (2 - tmp));
        }
        else if (jr > 3)
        {
            nr = 4 - jr;
            var tmp = nr * nr / 3.0;
            z = tmp - 1;
            sth = Math.Sqrt(tmp * (2 - tmp));
        }
        else
        {
            nr = 1;
            z = (2 - jr) * 2.0 / 3.0;
            sth = Math.Sqrt((1 - z) * (1 + z));
        }

        var t = (FacePhi[face] * nr) + x - y;
        if (t < 0)
        {
            t += 8;
        }

        if (t >= 8)
        {
            t -= 8;
        }

        phi = nr < 1e-15 ? 0 : 0.25 * Math.PI * t / nr;
    }

    /// <summary>
    /// An upper bound of the angular distance between any pixel centre and any point of that pixel at
    /// <paramref name="order"/>: the largest pixels sit at the corners of the base pixels on <c>z = ±2/3</c>.
    /// </summary>
    internal static double MaxPixelRadius(int order)
    {
        double nside = 1L << order;
        // A pixel centre next to a face corner on z = 2/3 and the far corner of that pixel.
        var (ax, ay, az) = ZPhiToVector(TwoThirds, Math.PI / (4 * nside));
        var t1 = 1.0 - (1.0 / nside);
        t1 *= t1;
        var (bx, by, bz) = ZPhiToVector(1 - (t1 / 3), 0);
        return AngleBetween(ax, ay, az, bx, by, bz);
    }

    internal static (double X, double Y, double Z) ZPhiToVector(double z, double phi)
    {
        var s = Math.Sqrt((1 - z) * (1 + z));
        var (sp, cp) = Math.SinCos(phi);
        return (s * cp, s * sp, z);
    }

    /// <summary>Angle between two vectors, precise at small and large angles (atan2 of |a×b| and a·b).</summary>
    internal static double AngleBetween(double ax, double ay, double az, double bx, double by, double bz)
    {
        var cx = (ay * bz) - (az * by);
        var cy = (az * bx) - (ax * bz);
        var cz = (ax * by) - (ay * bx);
        return Math.Atan2(Math.Sqrt((cx * cx) + (cy * cy) + (cz * cz)), (ax * bx) + (ay * by) + (az * bz));
    }
}
