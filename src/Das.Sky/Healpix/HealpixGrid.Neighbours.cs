namespace Das.Sky.Healpix;

/// <summary>Neighbours, corners and boundaries.</summary>
public static partial class HealpixGrid
{
    /// <summary>
    /// The 8 neighbours of a pixel in the order SW, W, NW, N, NE, E, SE, S (healpy's <c>get_all_neighbours</c>);
    /// where only 7 exist (the pixels at the 8 corners of base pixels where three base pixels meet: W/E corners
    /// of the polar base pixels, N/S corners of the equatorial ones) the missing direction is −1.
    /// </summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="pixel">Pixel number.</param>
    /// <param name="scheme">Numbering scheme of <paramref name="pixel"/> and of the result.</param>
    /// <param name="destination">Receives 8 pixel numbers.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 8.</exception>
    public static void Neighbours(int order, long pixel, HealpixScheme scheme, Span<long> destination)
    {
        if (destination.Length < 8)
        {
            throw new ArgumentException("The destination must hold 8 pixels.", nameof(destination));
        }

        ToXyf(order, pixel, scheme, out var ix, out var iy, out var face);
        long nside = 1L << order;
        ReadOnlySpan<int> dx = [-1, -1, 0, 1, 1, 1, 0, -1];
        ReadOnlySpan<int> dy = [0, 1, 1, 1, 0, -1, -1, -1];
        for (var d = 0; d < 8; d++)
        {
            long x = ix + dx[d], y = iy + dy[d];
            var f = face;
            var inside = x >= 0 && x < nside && y >= 0 && y < nside;
            destination[d] = inside || CrossFace(nside, ref x, ref y, ref f) ? FromXyf(order, (int)x, (int)y, f, scheme) : -1;
        }
    }

    /// <summary>The 8 neighbours of a pixel (SW, W, NW, N, NE, E, SE, S; −1 where missing).</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="pixel">Pixel number.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <returns>A new array of 8 pixel numbers.</returns>
    public static long[] Neighbours(int order, long pixel, HealpixScheme scheme)
    {
        var result = new long[8];
        Neighbours(order, pixel, scheme, result);
        return result;
    }

    /// <summary>The four corners of a pixel as (RA, Dec) in degrees, in the order N, W, S, E (healpy's <c>boundaries</c>).</summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="pixel">Pixel number.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <returns>Four corners; RA is 0 at a pole.</returns>
    public static (double Ra, double Dec)[] Corners(int order, long pixel, HealpixScheme scheme) => Boundary(order, pixel, 1, scheme);

    /// <summary>
    /// Points along the boundary of a pixel, <paramref name="step"/> per edge, starting at the north corner and
    /// going N → W → S → E (4·step points, as healpy's <c>boundaries</c>).
    /// </summary>
    /// <param name="order">HEALPix order, 0 … 29.</param>
    /// <param name="pixel">Pixel number.</param>
    /// <param name="step">Points per edge, at least 1.</param>
    /// <param name="scheme">Numbering scheme.</param>
    /// <returns>The boundary points as (RA, Dec) in degrees.</returns>
    public static (double Ra, double Dec)[] Boundary(int order, long pixel, int step, HealpixScheme scheme)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ToXyf(order, pixel, scheme, out var ix, out var iy, out var face);
        double nside = 1L << order;
        var xc = (ix + 0.5) / nside;
        var yc = (iy + 0.5) / nside;
        var dc = 0.5 / nside;
        var d = 1.0 / (step * nside);
        var result = new (double Ra, double Dec)[4 * step];
        for (var i = 0; i < step; i++)
        {
            result[i] = FacePoint(xc + dc - (i * d), yc + dc, face);
            result[i + step] = FacePoint(xc - dc, yc + dc - (i * d), face);
            result[i + (2 * step)] = FacePoint(xc - dc + (i * d), yc - dc, face);
            result[i + (3 * step)] = FacePoint(xc + dc, yc - dc + (i * d), face);
        }

        return result;
    }

    private static (double Ra, double Dec) FacePoint(double x, double y, int face)
    {
        HealpixMath.FaceLocToZPhi(x, y, face, out var z, out var phi, out var sth);
        return (phi * HealpixMath.RadToDeg, Math.Atan2(z, sth) * HealpixMath.RadToDeg);
    }

    /// <summary>
    /// Moves face coordinates that stepped (by at most one) off base pixel <paramref name="face"/> onto the base
    /// pixel they landed on. Returns false at the corners where only three base pixels meet.
    /// </summary>
    /// <remarks>
    /// x points north-east and y north-west on every base pixel. Polar and equatorial base pixels share edges with
    /// the same orientation (a plain shift by nside); two polar base pixels meet along an edge at the pole, which
    /// rotates the coordinates by ±90° (or 180° diagonally across the pole).
    /// </remarks>
    private static bool CrossFace(long n, ref long x, ref long y, ref int face)
    {
        var xo = x < 0 ? -1 : x >= n ? 1 : 0;
        var yo = y < 0 ? -1 : y >= n ? 1 : 0;
        var f = face & 3;
        long x0 = x, y0 = y;
        switch (face >> 2)
        {
            case 0: // north polar
                switch ((xo, yo))
                {
                    case (-1, 0): face = 4 + f; x += n; return true;
                    case (0, -1): face = 4 + ((f + 1) & 3); y += n; return true;
                    case (-1, -1): face = 8 + f; x += n; y += n; return true;
                    case (1, 0): face = (f + 1) & 3; x = y0; y = (2 * n) - 1 - x0; return true;
                    case (0, 1): face = (f + 3) & 3; x = (2 * n) - 1 - y0; y = x0; return true;
                    case (1, 1): face = (f + 2) & 3; x = (2 * n) - 1 - x0; y = (2 * n) - 1 - y0; return true;
                    default: return false;
                }

            case 1: // equatorial
                switch ((xo, yo))
                {
                    case (1, 0): face = f; x -= n; return true;
                    case (0, 1): face = (f + 3) & 3; y -= n; return true;
                    case (-1, 0): face = 8 + ((f + 3) & 3); x += n; return true;
                    case (0, -1): face = 8 + f; y += n; return true;
                    case (1, -1): face = 4 + ((f + 1) & 3); x -= n; y += n; return true;
                    case (-1, 1): face = 4 + ((f + 3) & 3); x += n; y -= n; return true;
                    default: return false;
                }

            default: // south polar
                switch ((xo, yo))
                {
                    case (1, 0): face = 4 + ((f + 1) & 3); x -= n; return true;
                    case (0, 1): face = 4 + f; y -= n; return true;
                    case (1, 1): face = f; x -= n; y -= n; return true;
                    case (-1, 0): face = 8 + ((f + 3) & 3); x = y0; y = -1 - x0; return true;
                    case (0, -1): face = 8 + ((f + 1) & 3); x = -1 - y0; y = x0; return true;
                    case (-1, -1): face = 8 + ((f + 2) & 3); x = -1 - x0; y = -1 - y0; return true;
                    default: return false;
                }
        }
    }
}
