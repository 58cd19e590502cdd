namespace Das.Sky.Healpix;

/// <summary>
/// A convex spherical polygon for <see cref="HealpixQuery"/>, as the intersection of the hemispheres left of each
/// great-circle edge. A bounding circle outside one hemisphere misses the polygon; inside all of them it is inside.
/// </summary>
internal readonly struct PolygonZone : IPixelZone
{
    private readonly double[] _normals; // x, y, z per edge, pointing into the polygon
    private readonly double[] _sinRadius;
    private readonly DiscZone? _circle;

    private PolygonZone(double[] normals, int maxOrder, DiscZone? circle)
    {
        _normals = normals;
        _circle = circle;
        _sinRadius = new double[maxOrder + 1];
        for (var o = 0; o <= maxOrder; o++)
        {
            _sinRadius[o] = Math.Sin(Math.Min(HealpixMath.HalfPi, HealpixMath.MaxPixelRadius(o)));
        }
    }

    /// <summary>
    /// Builds the edge normals; throws when the vertices do not form a convex polygon. When
    /// <paramref name="withCircle"/>, the smallest circle around the vertices is tested too, which keeps inclusive
    /// queries from returning pixels near sharp corners (as healpy does).
    /// </summary>
    public static PolygonZone Create(ReadOnlySpan<double> ra, ReadOnlySpan<double> dec, int maxOrder, bool withCircle)
    {
        if (ra.Length != dec.Length)
        {
            throw new ArgumentException("RA and Dec must have the same number of vertices.", nameof(dec));
        }

        var n = ra.Length;
        if (n < 3)
        {
            throw new ArgumentException("A polygon needs at least three vertices.", nameof(ra));
        }

        var v = new double[3 * n];
        for (var i = 0; i < n; i++)
        {
            HealpixGrid.CheckLonLat(ra[i], dec[i]);
            var (sd, cd) = Math.SinCos(dec[i] * HealpixMath.DegToRad);
            var (sa, ca) = Math.SinCos(ra[i] * HealpixMath.DegToRad);
            v[3 * i] = cd * ca;
            v[(3 * i) + 1] = cd * sa;
            v[(3 * i) + 2] = sd;
        }

        var normals = new double[3 * n];
        for (var i = 0; i < n; i++)
        {
            var j = (i + 1) % n;
            var nx = (v[(3 * i) + 1] * v[(3 * j) + 2]) - (v[(3 * i) + 2] * v[(3 * j) + 1]);
            var ny = (v[(3 * i) + 2] * v[3 * j]) - (v[3 * i] * v[(3 * j) + 2]);
            var nz = (v[3 * i] * v[(3 * j) + 1]) - (v[(3 * i) + 1] * v[3 * j]);
            var len = Math.Sqrt((nx * nx) + (ny * ny) + (nz * nz));
            if (len < 1e-15)
            {
                throw new ArgumentException($"Polygon vertices {i} and {j} coincide or are antipodal.", nameof(ra));
            }

            normals[3 * i] = nx / len;
            normals[(3 * i) + 1] = ny / len;
            normals[(3 * i) + 2] = nz / len;
        }

        // Orientation from the vertex after the first edge; every vertex must then be on the inner side of every edge.
        var k = 2 % n;
        var sign = (normals[0] * v[3 * k]) + (normals[1] * v[(3 * k) + 1]) + (normals[2] * v[(3 * k) + 2]) < 0 ? -1.0 : 1.0;
        for (var i = 0; i < 3 * n; i++)
        {
            normals[i] *= sign;
        }

        for (var e = 0; e < n; e++)
        {
            for (var p = 0; p < n; p++)
            {
                var d = (normals[3 * e] * v[3 * p]) + (normals[(3 * e) + 1] * v[(3 * p) + 1]) + (normals[(3 * e) + 2] * v[(3 * p) + 2]);
                if (d < -1e-10)
                {
                    throw new ArgumentException($"The polygon is not convex (vertex {p} lies outside edge {e}).", nameof(ra));
                }
            }
        }

        DiscZone? circle = null;
        if (withCircle)
        {
            var (cx, cy, cz, radius) = EnclosingCircle(v);
            circle = new DiscZone(Math.Atan2(Math.Sqrt((cx * cx) + (cy * cy)), cz), Math.Atan2(cy, cx), radius, maxOrder);
        }

        return new PolygonZone(normals, maxOrder, circle);
    }

    /// <summary>Smallest circle containing all vertices (incremental Welzl construction on unit vectors).</summary>
    private static (double X, double Y, double Z, double Radius) EnclosingCircle(double[] v)
    {
        var n = v.Length / 3;
        var c = Mid(v, 0, 1);
        for (var i = 2; i < n; i++)
        {
            if (Dot(v, i, c) >= Dot(v, 0, c) - 1e-15)
            {
                continue;
            }

            c = Mid(v, 0, i);
            for (var j = 1; j < i; j++)
            {
                if (Dot(v, j, c) >= Dot(v, i, c) - 1e-15)
                {
                    continue;
                }

                c = Mid(v, j, i);
                for (var k = 0; k < j; k++)
                {
                    if (Dot(v, k, c) >= Dot(v, i, c) - 1e-15)
                    {
                        continue;
                    }

                    c = Through(v, i, j, k);
                }
            }
        }

        // The radius reaches the farthest vertex (not only the defining ones) against rounding.
        var cosRadius = 1.0;
        for (var i = 0; i < n; i++)
        {
            cosRadius = Math.Min(cosRadius, Dot(v, i, c));
        }

        return (c.X, c.Y, c.Z, Math.Acos(Math.Clamp(cosRadius, -1, 1)) + 1e-12);
    }

    private static double Dot(double[] v, int i, (double X, double Y, double Z) c) =>
        (v[3 * i] * c.X) + (v[(3 * i) + 1] * c.Y) + (v[(3 * i) + 2] * c.Z);

    private static (double X, double Y, double Z) Normalised(double x, double y, double z)
    {
        var len = Math.Sqrt((x * x) + (y * y) + (z * z));
        return (x / len, y / len, z / len);
    }

    private static (double X, double Y, double Z) Mid(double[] v, int a, int b) =>
        Normalised(v[3 * a] + v[3 * b], v[(3 * a) + 1] + v[(3 * b) + 1], v[(3 * a) + 2] + v[(3 * b) + 2]);

    /// <summary>Centre of the circle through three vertices, on the side of vertex <paramref name="a"/>.</summary>
    private static (double X, double Y, double Z) Through(double[] v, int a, int b, int c)
    {
        double ux = v[3 * b] - v[3 * a], uy = v[(3 * b) + 1] - v[(3 * a) + 1], uz = v[(3 * b) + 2] - v[(3 * a) + 2];
        double wx = v[3 * c] - v[3 * a], wy = v[(3 * c) + 1] - v[(3 * a) + 1], wz = v[(3 * c) + 2] - v[(3 * a) + 2];
        var centre = Normalised((uy * wz) - (uz * wy), (uz * wx) - (ux * wz), (ux * wy) - (uy * wx));
        return Dot(v, a, centre) < 0 ? (-centre.X, -centre.Y, -centre.Z) : centre;
    }

    public int Zone(int order, double z, double phi, double sth)
    {
        var (sp, cp) = Math.SinCos(phi);
        double x = sth * cp, y = sth * sp;
        var sr = _sinRadius[order];
        var zone = 3;
        for (var i = 0; i < _normals.Length; i += 3)
        {
            var d = (_normals[i] * x) + (_normals[i + 1] * y) + (_normals[i + 2] * z);
            if (d <= -sr)
            {
                return 0;
            }

            var edgeZone = d <= 0 ? 1 : d <= sr ? 2 : 3;
            zone = Math.Min(zone, edgeZone);
        }

        return _circle is { } circle ? Math.Min(zone, circle.Zone(order, z, phi, sth)) : zone;
    }
}
