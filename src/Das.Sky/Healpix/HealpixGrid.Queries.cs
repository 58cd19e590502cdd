namespace Das.Sky.Healpix;

/// <summary>Disc and polygon queries.</summary>
public static partial class HealpixGrid
{
    /// <summary>
    /// Pixels of a disc (cone). Inclusive (the default): every pixel that overlaps the disc, plus a few that only
    /// come within a pixel's size of it; exclusive: the pixels whose centre lies in the disc.
    /// </summary>
    /// <remarks>
    /// The inclusive rule is healpy's <c>query_disc(inclusive=True, fact=4)</c>: a pixel is kept when its centre
    /// is in the disc or when one of its sub-pixels two orders deeper has a bounding circle that meets the disc.
    /// The result always contains healpy's exclusive result and every pixel that truly overlaps the disc.
    /// NESTED runs a descent from the 12 base pixels; RING walks the rings the disc crosses.
    /// </remarks>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="ra">Centre right ascension in degrees.</param>
    /// <param name="dec">Centre declination in degrees.</param>
    /// <param name="radius">Radius in degrees, ≥ 0.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <param name="inclusive">Whether to return overlapping pixels (true) or only those with their centre inside.</param>
    /// <returns>Sorted pixel numbers.</returns>
    public static long[] QueryDisc(int order, double ra, double dec, double radius, HealpixScheme scheme, bool inclusive = true) =>
        DiscCore(order, ra, dec, radius, scheme, inclusive).ToPixels();

    /// <summary>As <see cref="QueryDisc"/>, as sorted, disjoint, non-adjacent ranges (what a MOC is made of).</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="ra">Centre right ascension in degrees.</param>
    /// <param name="dec">Centre declination in degrees.</param>
    /// <param name="radius">Radius in degrees, ≥ 0.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <param name="inclusive">Whether to return overlapping pixels (true) or only those with their centre inside.</param>
    /// <returns>Sorted ranges.</returns>
    public static PixelRange[] QueryDiscRanges(int order, double ra, double dec, double radius, HealpixScheme scheme, bool inclusive = true) =>
        DiscCore(order, ra, dec, radius, scheme, inclusive).ToRanges();

    /// <summary>
    /// Pixels of a convex spherical polygon whose edges are great-circle arcs between consecutive vertices (either
    /// winding). Inclusive and exclusive as for <see cref="QueryDisc"/> (healpy's <c>query_polygon</c>, fact=4).
    /// </summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="ra">Vertex right ascensions in degrees (at least 3).</param>
    /// <param name="dec">Vertex declinations in degrees.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <param name="inclusive">Whether to return overlapping pixels (true) or only those with their centre inside.</param>
    /// <returns>Sorted pixel numbers.</returns>
    /// <exception cref="ArgumentException">Fewer than 3 vertices, repeated vertices, or a non-convex polygon.</exception>
    public static long[] QueryPolygon(int order, ReadOnlySpan<double> ra, ReadOnlySpan<double> dec, HealpixScheme scheme, bool inclusive = true) =>
        PolygonCore(order, ra, dec, scheme, inclusive).ToPixels();

    /// <summary>As <see cref="QueryPolygon"/>, as sorted, disjoint, non-adjacent ranges.</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="ra">Vertex right ascensions in degrees (at least 3).</param>
    /// <param name="dec">Vertex declinations in degrees.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <param name="inclusive">Whether to return overlapping pixels (true) or only those with their centre inside.</param>
    /// <returns>Sorted ranges.</returns>
    public static PixelRange[] QueryPolygonRanges(int order, ReadOnlySpan<double> ra, ReadOnlySpan<double> dec, HealpixScheme scheme, bool inclusive = true) =>
        PolygonCore(order, ra, dec, scheme, inclusive).ToRanges();

    internal static RangeAccumulator DiscCore(int order, double ra, double dec, double radius, HealpixScheme scheme, bool inclusive)
    {
        HealpixMath.CheckOrder(order);
        CheckLonLat(ra, dec);
        if (!(radius >= 0) || double.IsPositiveInfinity(radius))
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "The radius must be a finite number of degrees ≥ 0.");
        }

        var theta = HealpixMath.HalfPi - (dec * HealpixMath.DegToRad);
        var phi = ra * HealpixMath.DegToRad;
        var r = Math.Min(Math.PI, radius * HealpixMath.DegToRad);
        var output = new RangeAccumulator();
        if (r >= Math.PI)
        {
            output.Add(0, HealpixMath.PixelCount(order));
        }
        else if (scheme == HealpixScheme.Ring)
        {
            HealpixQuery.RingDisc(theta, phi, r, order, inclusive, output);
        }
        else
        {
            var zone = new DiscZone(theta, phi, r, HealpixQuery.RefineOrder(order, inclusive));
            HealpixQuery.Nested(zone, order, inclusive, output);
        }

        return output;
    }

    internal static RangeAccumulator PolygonCore(int order, ReadOnlySpan<double> ra, ReadOnlySpan<double> dec, HealpixScheme scheme, bool inclusive)
    {
        HealpixMath.CheckOrder(order);
        var zone = PolygonZone.Create(ra, dec, HealpixQuery.RefineOrder(order, inclusive), inclusive);
        var nested = new RangeAccumulator();
        HealpixQuery.Nested(zone, order, inclusive, nested);
        if (scheme == HealpixScheme.Nested)
        {
            return nested;
        }

        var ring = new RangeAccumulator();
        foreach (var range in nested.ToRanges())
        {
            for (var p = range.Start; p < range.End; p++)
            {
                HealpixMath.NestToXyf(order, p, out var ix, out var iy, out var face);
                var q = HealpixMath.XyfToRing(order, ix, iy, face);
                ring.Add(q, q + 1);
            }
        }

        return ring;
    }
}
