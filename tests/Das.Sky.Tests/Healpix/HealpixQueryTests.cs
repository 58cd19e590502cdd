using System.Text.Json;
using Das.Sky.Healpix;
using Hp = Das.Sky.Healpix.HealpixGrid;

namespace Das.Sky.Tests.Healpix;

public sealed class HealpixQueryTests
{
    private static readonly JsonElement[] Discs = HealpixFixtures.Load("query_disc.json").EnumerateArray().ToArray();
    private static readonly JsonElement[] Polygons = HealpixFixtures.Load("query_polygon.json").EnumerateArray().ToArray();

    public static TheoryData<int, HealpixScheme> DiscCases()
    {
        var data = new TheoryData<int, HealpixScheme>();
        for (var i = 0; i < Discs.Length; i++)
        {
            data.Add(i, HealpixScheme.Nested);
            data.Add(i, HealpixScheme.Ring);
        }

        return data;
    }

    public static TheoryData<int, HealpixScheme> PolygonCases()
    {
        var data = new TheoryData<int, HealpixScheme>();
        for (var i = 0; i < Polygons.Length; i++)
        {
            data.Add(i, HealpixScheme.Nested);
            data.Add(i, HealpixScheme.Ring);
        }

        return data;
    }

    private static string Key(HealpixScheme scheme, bool inclusive) =>
        (scheme == HealpixScheme.Nested ? "nest_" : "ring_") + (inclusive ? "inclusive" : "exclusive");

    [Theory]
    [MemberData(nameof(DiscCases))]
    public void Exclusive_query_disc_matches_healpy(int index, HealpixScheme scheme)
    {
        var d = Discs[index];
        var actual = Hp.QueryDisc(d.GetProperty("order").GetInt32(), d.GetProperty("ra").GetDouble(), d.GetProperty("dec").GetDouble(),
            d.GetProperty("radius").GetDouble(), scheme, inclusive: false);
        Assert.Equal(d.GetProperty(Key(scheme, false)).Longs(), actual);
    }

    [Theory]
    [MemberData(nameof(DiscCases))]
    public void Inclusive_query_disc_lies_between_healpy_exclusive_and_healpy_inclusive_fact_4(int index, HealpixScheme scheme)
    {
        var d = Discs[index];
        var actual = Hp.QueryDisc(d.GetProperty("order").GetInt32(), d.GetProperty("ra").GetDouble(), d.GetProperty("dec").GetDouble(),
            d.GetProperty("radius").GetDouble(), scheme);
        Assert.Equal(actual.Order(), actual);
        var exclusive = d.GetProperty(Key(scheme, false)).Longs();
        var inclusive = d.GetProperty(Key(scheme, true)).Longs().ToHashSet();
        Assert.Empty(exclusive.Except(actual));
        Assert.DoesNotContain(actual, p => !inclusive.Contains(p));
    }

    [Theory]
    [MemberData(nameof(PolygonCases))]
    public void Exclusive_query_polygon_matches_healpy(int index, HealpixScheme scheme)
    {
        var p = Polygons[index];
        var actual = Hp.QueryPolygon(p.GetProperty("order").GetInt32(), p.GetProperty("ra").Doubles(), p.GetProperty("dec").Doubles(), scheme, inclusive: false);
        Assert.Equal(PolygonTruth(p, scheme, false), actual);
    }

    [Theory]
    [MemberData(nameof(PolygonCases))]
    public void Inclusive_query_polygon_lies_between_healpy_exclusive_and_healpy_inclusive_fact_4(int index, HealpixScheme scheme)
    {
        var p = Polygons[index];
        var actual = Hp.QueryPolygon(p.GetProperty("order").GetInt32(), p.GetProperty("ra").Doubles(), p.GetProperty("dec").Doubles(), scheme);
        var exclusive = PolygonTruth(p, scheme, false);
        var inclusive = PolygonTruth(p, scheme, true).ToHashSet();
        Assert.Empty(exclusive.Except(actual));
        Assert.DoesNotContain(actual, x => !inclusive.Contains(x));
    }

    /// <summary>
    /// healpy 1.16's RING query_polygon drops pixels of the first rings inside a polygon around the pole (its NESTED
    /// result has them: ring pixels 0, 2, 3 of order 5 for the dec = 80° square), so RING truth is healpy's NESTED
    /// result renumbered.
    /// </summary>
    private static long[] PolygonTruth(JsonElement p, HealpixScheme scheme, bool inclusive)
    {
        var nested = p.GetProperty(Key(HealpixScheme.Nested, inclusive)).Longs();
        var order = p.GetProperty("order").GetInt32();
        return scheme == HealpixScheme.Nested ? nested : nested.Select(x => Hp.Nest2Ring(order, x)).Order().ToArray();
    }

    [Fact]
    public void Inclusive_query_disc_contains_every_pixel_that_truly_overlaps()
    {
        // Brute force at small orders: a pixel overlaps when a densely sampled boundary point is in the disc, or the
        // disc centre is in the pixel.
        var boundaries = new Dictionary<int, double[][]>();
        for (var order = 1; order <= 4; order++)
        {
            boundaries[order] = Enumerable.Range(0, (int)Hp.PixelCount(order))
                .Select(p => Hp.Boundary(order, p, 12, HealpixScheme.Nested).SelectMany(b => Vector(b.Ra, b.Dec)).ToArray()).ToArray();
        }

        var rng = new Random(7);
        for (var trial = 0; trial < 60; trial++)
        {
            var order = rng.Next(1, 5);
            var ra = rng.NextDouble() * 360;
            var dec = (Math.Asin((2 * rng.NextDouble()) - 1) * 180) / Math.PI;
            var radius = rng.NextDouble() * 15;
            var c = Vector(ra, dec);
            var cosRadius = Math.Cos(radius * Math.PI / 180);
            var nested = Hp.QueryDisc(order, ra, dec, radius, HealpixScheme.Nested).ToHashSet();
            var ring = Hp.QueryDisc(order, ra, dec, radius, HealpixScheme.Ring).Select(p => Hp.Ring2Nest(order, p)).ToHashSet();
            Assert.Contains(Hp.Ang2Pix(order, ra, dec, HealpixScheme.Nested), nested);
            for (var p = 0; p < boundaries[order].Length; p++)
            {
                var b = boundaries[order][p];
                var touches = false;
                for (var k = 0; k < b.Length && !touches; k += 3)
                {
                    touches = (b[k] * c[0]) + (b[k + 1] * c[1]) + (b[k + 2] * c[2]) > cosRadius;
                }

                Assert.True(!touches || (nested.Contains(p) && ring.Contains(p)), $"order {order} disc ({ra}, {dec}, {radius}) misses pixel {p}");
            }
        }
    }

    [Fact]
    public void Inclusive_query_polygon_contains_every_pixel_that_truly_overlaps()
    {
        // Brute force at order 3: a pixel overlaps when one of its sampled boundary points is inside the triangle, or
        // a sampled point of a triangle edge falls in the pixel.
        const int order = 3;
        var boundaries = Enumerable.Range(0, (int)Hp.PixelCount(order))
            .Select(p => Hp.Boundary(order, p, 12, HealpixScheme.Nested).Select(b => Vector(b.Ra, b.Dec)).ToArray()).ToArray();
        var rng = new Random(21);
        for (var trial = 0; trial < 40; trial++)
        {
            var ra0 = rng.NextDouble() * 360;
            var dec0 = (rng.NextDouble() * 160) - 80;
            var size = 1 + (rng.NextDouble() * 20);
            double[] ra = [ra0, ra0 + size, ra0 + (size / 2)];
            double[] dec = [dec0, dec0, Math.Min(89.9, dec0 + size)];
            var v = Enumerable.Range(0, 3).Select(i => Vector(ra[i], dec[i])).ToArray();
            var normals = Enumerable.Range(0, 3).Select(i => Cross(v[i], v[(i + 1) % 3])).ToArray();
            var sign = Dot(normals[0], v[2]) < 0 ? -1 : 1;
            var nested = Hp.QueryPolygon(order, ra, dec, HealpixScheme.Nested).ToHashSet();
            var ring = Hp.QueryPolygon(order, ra, dec, HealpixScheme.Ring).Select(p => Hp.Ring2Nest(order, p)).ToHashSet();
            var mustHave = new HashSet<long>();
            for (var p = 0; p < boundaries.Length; p++)
            {
                if (boundaries[p].Any(b => normals.All(n => sign * Dot(n, b) > 0)))
                {
                    mustHave.Add(p);
                }
            }

            for (var i = 0; i < 3; i++)
            {
                for (var t = 0.0; t <= 1.0; t += 0.001)
                {
                    var a = v[i];
                    var b = v[(i + 1) % 3];
                    double x = a[0] + (t * (b[0] - a[0])), y = a[1] + (t * (b[1] - a[1])), z = a[2] + (t * (b[2] - a[2]));
                    var len = Math.Sqrt((x * x) + (y * y) + (z * z));
                    mustHave.Add(Hp.Ang2Pix(order, Math.Atan2(y, x) * 180 / Math.PI, Math.Asin(z / len) * 180 / Math.PI, HealpixScheme.Nested));
                }
            }

            Assert.Empty(mustHave.Except(nested));
            Assert.Empty(mustHave.Except(ring));
        }
    }

    private static double[] Cross(double[] a, double[] b) =>
        [(a[1] * b[2]) - (a[2] * b[1]), (a[2] * b[0]) - (a[0] * b[2]), (a[0] * b[1]) - (a[1] * b[0])];

    private static double Dot(double[] a, double[] b) => (a[0] * b[0]) + (a[1] * b[1]) + (a[2] * b[2]);

    private static double[] Vector(double ra, double dec)
    {
        var (sd, cd) = Math.SinCos(dec * Math.PI / 180);
        var (sa, ca) = Math.SinCos(ra * Math.PI / 180);
        return [cd * ca, cd * sa, sd];
    }

    [Fact]
    public void Ring_and_nested_disc_queries_return_the_same_pixels()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 60; trial++)
        {
            var order = rng.Next(0, 30);
            var ra = rng.NextDouble() * 360;
            var dec = trial % 10 == 0 ? 89.99 : (Math.Asin((2 * rng.NextDouble()) - 1) * 180) / Math.PI;
            var radius = Hp.MaxPixelRadius(order) * Math.Pow(10, rng.NextDouble() * 1.5);
            var nested = Hp.QueryDisc(order, ra, dec, radius, HealpixScheme.Nested).Select(p => Hp.Nest2Ring(order, p)).Order().ToArray();
            var ring = Hp.QueryDisc(order, ra, dec, radius, HealpixScheme.Ring);
            Assert.Equal(nested, ring);
        }
    }

    [Fact]
    public void Ranges_and_pixel_lists_agree()
    {
        var ranges = Hp.QueryDiscRanges(10, 83.63, 22.01, 1.0, HealpixScheme.Nested);
        var pixels = Hp.QueryDisc(10, 83.63, 22.01, 1.0, HealpixScheme.Nested);
        Assert.Equal(pixels, ranges.SelectMany(r => Enumerable.Range(0, (int)r.Count).Select(i => r.Start + i)).ToArray());
        for (var i = 1; i < ranges.Length; i++)
        {
            Assert.True(ranges[i].Start > ranges[i - 1].End, "ranges are sorted, disjoint and not adjacent");
        }
    }

    [Fact]
    public void Disc_around_the_whole_sky_returns_every_pixel()
    {
        Assert.Equal(Hp.PixelCount(3), Hp.QueryDisc(3, 10, 10, 180, HealpixScheme.Ring).Length);
        Assert.Equal([new PixelRange(0, Hp.PixelCount(29))], Hp.QueryDiscRanges(29, 10, 10, 180, HealpixScheme.Nested));
    }

    [Fact]
    public void Tiny_disc_at_order_29_contains_the_pixel_of_its_centre()
    {
        var p = Hp.Ang2Pix(29, 123.456, -45.678, HealpixScheme.Nested);
        var result = Hp.QueryDisc(29, 123.456, -45.678, 1e-7, HealpixScheme.Nested);
        Assert.Contains(p, result);
        Assert.InRange(result.Length, 1, 200);
    }

    [Fact]
    public void Non_convex_polygon_is_rejected()
    {
        double[] ra = [0, 10, 5, 10, 0];
        double[] dec = [0, 0, 5, 10, 10];
        var e = Assert.Throws<ArgumentException>(() => Hp.QueryPolygon(5, ra, dec, HealpixScheme.Nested));
        Assert.Contains("convex", e.Message, StringComparison.Ordinal);
    }
}
