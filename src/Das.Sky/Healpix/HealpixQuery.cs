namespace Das.Sky.Healpix;

/// <summary>
/// Region queries. NESTED: a depth-first descent from the 12 base pixels that classifies each pixel by its bounding
/// circle (<see cref="IPixelZone"/>), emits whole subtrees that lie inside and prunes those outside, so output comes
/// out as sorted ranges. RING discs: ring by ring, the pixels whose centres lie in the disc form one run per ring and
/// only the band of pixels within one bounding radius of the edge is tested one by one.
/// </summary>
/// <remarks>
/// Inclusive rule (both schemes): a pixel is returned when its centre lies in the shape, or when its bounding circle
/// overlaps the shape and so does the bounding circle of one of its descendants <see cref="InclusiveExtraOrders"/>
/// orders deeper (healpy's <c>inclusive=True, fact=4</c>). Every pixel that truly overlaps the shape is returned; a
/// few that only come close may be returned too.
/// </remarks>
internal static class HealpixQuery
{
    /// <summary>How many orders below the requested one borderline pixels are refined (fact = 2^2 = 4 as healpy's default).</summary>
    internal const int InclusiveExtraOrders = 2;

    internal static int RefineOrder(int order, bool inclusive) =>
        inclusive ? Math.Min(HealpixMath.MaxOrder, order + InclusiveExtraOrders) : order;

    public static void Nested<TZone>(in TZone zone, int order, bool inclusive, RangeAccumulator output)
        where TZone : struct, IPixelZone
    {
        var omax = RefineOrder(order, inclusive);
        for (var face = 0; face < 12; face++)
        {
            Descend(zone, order, omax, inclusive, 0, face, 0, 0, output);
        }
    }

    private static void Descend<TZone>(in TZone zone, int order, int omax, bool inclusive, int o, int face, long ix, long iy, RangeAccumulator output)
        where TZone : struct, IPixelZone
    {
        HealpixMath.XyfToZPhi(o, ix, iy, face, out var z, out var phi, out var sth);
        var k = zone.Zone(o, z, phi, sth);
        if (k == 0)
        {
            return;
        }

        if (o < order)
        {
            if (k == 3)
            {
                var p = HealpixMath.XyfToNest(o, (int)ix, (int)iy, face);
                var shift = 2 * (order - o);
                output.Add(p << shift, (p + 1) << shift);
                return;
            }

            for (var i = 0; i < 4; i++)
            {
                Descend(zone, order, omax, inclusive, o + 1, face, (2 * ix) + (i & 1), (2 * iy) + (i >> 1), output);
            }

            return;
        }

        if (k >= 2 || (inclusive && (omax == order || ChildHits(zone, omax, o + 1, face, 2 * ix, 2 * iy))))
        {
            var p = HealpixMath.XyfToNest(o, (int)ix, (int)iy, face);
            output.Add(p, p + 1);
        }
    }

    /// <summary>
    /// Whether one of the four pixels at order <paramref name="o"/> starting at (x0, y0) qualifies as a hit: its
    /// centre is in the shape, or its bounding circle meets the shape at <paramref name="omax"/> (or one of its own
    /// children does). Siblings are classified before any grandchild is visited, so hits end early.
    /// </summary>
    private static bool ChildHits<TZone>(in TZone zone, int omax, int o, int face, long x0, long y0)
        where TZone : struct, IPixelZone
    {
        var borderline = 0; // bit i: child i has zone 1
        for (var i = 0; i < 4; i++)
        {
            HealpixMath.XyfToZPhi(o, x0 + (i & 1), y0 + (i >> 1), face, out var z, out var phi, out var sth);
            var k = zone.Zone(o, z, phi, sth);
            if (k >= 2 || (k == 1 && o == omax))
            {
                return true;
            }

            if (k == 1)
            {
                borderline |= 1 << i;
            }
        }

        for (var i = 0; i < 4; i++)
        {
            if ((borderline & (1 << i)) != 0 && ChildHits(zone, omax, o + 1, face, 2 * (x0 + (i & 1)), 2 * (y0 + (i >> 1))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a pixel at the query order belongs to the result (the per-pixel form of the rule above).</summary>
    private static bool PixelHits<TZone>(in TZone zone, int order, int omax, bool inclusive, int face, long ix, long iy)
        where TZone : struct, IPixelZone
    {
        HealpixMath.XyfToZPhi(order, ix, iy, face, out var z, out var phi, out var sth);
        var k = zone.Zone(order, z, phi, sth);
        return k >= 2 || (k == 1 && inclusive && (omax == order || ChildHits(zone, omax, order + 1, face, 2 * ix, 2 * iy)));
    }

    /// <summary>RING disc query, ring by ring.</summary>
    public static void RingDisc(double theta0, double phi0, double radius, int order, bool inclusive, RangeAccumulator output)
    {
        var npix = HealpixMath.PixelCount(order);
        var dr = inclusive ? HealpixMath.MaxPixelRadius(order) : 0.0;
        var outer = radius + dr;
        if (radius >= Math.PI)
        {
            output.Add(0, npix);
            return;
        }

        var omax = RefineOrder(order, inclusive);
        var zone = new DiscZone(theta0, phi0, radius, omax);
        var sth0 = Math.Sin(theta0);
        long nside = 1L << order;
        var outerRadius = Math.Min(Math.PI, outer);

        var first = Math.Max(1, RingAbove(order, Math.Cos(Math.Max(0.0, theta0 - outer))));
        var last = Math.Min((4 * nside) - 1, RingAbove(order, Math.Cos(Math.Min(Math.PI, theta0 + outer))) + 1);
        if (theta0 - outer <= 0)
        {
            first = 1;
        }

        if (theta0 + outer >= Math.PI)
        {
            last = (4 * nside) - 1;
        }

        for (var ring = first; ring <= last; ring++)
        {
            RingInfo(order, ring, out var z, out var sth, out var count, out var shift, out var start);
            var dTheta = Math.Atan2(sth, z) - theta0;
            var (oLo, oHi) = PhiWindow(dTheta, sth, sth0, phi0, outerRadius, count, shift);
            if (oLo > oHi)
            {
                continue;
            }

            var (iLo, iHi) = PhiWindow(dTheta, sth, sth0, phi0, radius, count, shift);
            if (iHi - iLo + 1 >= count)
            {
                output.Add(start, start + count);
                continue;
            }

            // Widen the candidate window by one pixel on each side against rounding; candidates are tested anyway.
            if (oHi - oLo + 1 < count)
            {
                oLo--;
                oHi++;
            }

            if (oHi - oLo + 1 >= count)
            {
                oLo = iLo <= iHi ? iHi + 1 : 0;
                oHi = oLo + count - 1;
            }

            if (iLo <= iHi)
            {
                AddRingRun(output, start, count, iLo, iHi);
            }

            for (var k = oLo; k <= oHi; k++)
            {
                if (iLo <= iHi && k >= iLo && k <= iHi)
                {
                    continue;
                }

                var local = Mod(k, count);
                if (iLo <= iHi && Mod(local - iLo, count) <= iHi - iLo)
                {
                    continue;
                }

                var pixel = start + local;
                HealpixMath.RingToXyf(order, pixel, out var ix, out var iy, out var face);
                if (PixelHits(zone, order, omax, inclusive, face, ix, iy))
                {
                    output.Add(pixel, pixel + 1);
                }
            }
        }
    }

    private static long Mod(long a, long n)
    {
        var r = a % n;
        return r < 0 ? r + n : r;
    }

    private static void AddRingRun(RangeAccumulator output, long start, long count, long lo, long hi)
    {
        var a = Mod(lo, count);
        var b = a + (hi - lo);
        if (b < count)
        {
            output.Add(start + a, start + b + 1);
        }
        else
        {
            output.Add(start + a, start + count);
            output.Add(start, start + b - count + 1);
        }
    }

    /// <summary>
    /// Unwrapped index window <c>[lo, hi]</c> of the ring pixels whose centre lies within <paramref name="radius"/>
    /// of the disc centre; empty when lo &gt; hi; the whole ring when hi − lo + 1 ≥ count. Uses the haversine form,
    /// sin²(Δφ/2) = (sin²(r/2) − sin²(Δθ/2)) / (sin θ · sin θ0), precise for tiny discs.
    /// </summary>
    private static (long Lo, long Hi) PhiWindow(double dTheta, double sth, double sth0, double phi0, double radius, long count, double shift)
    {
        var hr = Math.Sin(radius / 2);
        var ht = Math.Sin(dTheta / 2);
        var numerator = (hr * hr) - (ht * ht);
        if (numerator < 0)
        {
            return (1, 0);
        }

        var denominator = sth * sth0;
        var s = denominator < 1e-300 ? 2.0 : numerator / denominator;
        if (s >= 1 || radius >= Math.PI)
        {
            return (0, count - 1);
        }

        var half = 2 * Math.Asin(Math.Sqrt(s));
        var step = 2 * Math.PI / count;
        var lo = (long)Math.Ceiling(((phi0 - half) / step) - shift);
        var hi = (long)Math.Floor(((phi0 + half) / step) - shift);
        return (lo, hi);
    }

    /// <summary>The last ring (1-based) whose centre lies north of <paramref name="z"/>; 0 above ring 1.</summary>
    internal static long RingAbove(int order, double z)
    {
        long nside = 1L << order;
        var za = Math.Abs(z);
        if (za <= HealpixMath.TwoThirds)
        {
            return (long)(nside * (2 - (1.5 * z)));
        }

        var iring = (long)(nside * Math.Sqrt(3 * (1 - za)));
        return z > 0 ? iring : (4 * nside) - iring - 1;
    }

    /// <summary>Geometry of ring <paramref name="ring"/> (1 … 4·nside − 1).</summary>
    internal static void RingInfo(int order, long ring, out double z, out double sth, out long count, out double shift, out long start)
    {
        long nside = 1L << order;
        var fact2 = 4.0 / HealpixMath.PixelCount(order);
        var northRing = ring < 2 * nside ? ring : (4 * nside) - ring;
        if (northRing < nside)
        {
            var tmp = northRing * northRing * fact2;
            z = 1 - tmp;
            sth = Math.Sqrt(tmp * (2 - tmp));
            count = 4 * northRing;
            shift = 0.5;
            start = 2 * northRing * (northRing - 1);
        }
        else
        {
            z = ((2 * nside) - ring) * (2 * nside * fact2);
            sth = Math.Sqrt((1 - z) * (1 + z));
            count = 4 * nside;
            shift = ((ring - nside) & 1) == 0 ? 0.5 : 0.0;
            start = (2 * nside * (nside - 1)) + ((ring - nside) * 4 * nside);
            return;
        }

        if (ring != northRing)
        {
            z = -z;
            start = HealpixMath.PixelCount(order) - (2 * northRing * (northRing + 1));
        }
    }
}
