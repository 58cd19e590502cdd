using System.Text.Json;
using Das.Sky.Healpix;
using Hp = Das.Sky.Healpix.HealpixGrid;

namespace Das.Sky.Tests.Healpix;

public sealed class HealpixGridTests
{
    private static readonly JsonElement Ang2PixTruth = HealpixFixtures.Load("ang2pix.json");
    private static readonly JsonElement Pix2AngTruth = HealpixFixtures.Load("pix2ang.json");
    private static readonly JsonElement NeighbourTruth = HealpixFixtures.Load("neighbours.json");
    private static readonly JsonElement CornerTruth = HealpixFixtures.Load("corners.json");

    public static TheoryData<int, HealpixScheme> OrdersAndSchemes()
    {
        var data = new TheoryData<int, HealpixScheme>();
        foreach (var o in new[] { 0, 1, 5, 10, 13, 20, 29 })
        {
            data.Add(o, HealpixScheme.Nested);
            data.Add(o, HealpixScheme.Ring);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OrdersAndSchemes))]
    public void Ang2pix_matches_healpy_for_random_and_edge_points(int order, HealpixScheme scheme)
    {
        var ra = Ang2PixTruth.GetProperty("ra").Doubles();
        var dec = Ang2PixTruth.GetProperty("dec").Doubles();
        var expected = Ang2PixTruth.GetProperty("orders").GetProperty(order.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty(scheme == HealpixScheme.Nested ? "nest" : "ring").Longs();
        for (var i = 0; i < ra.Length; i++)
        {
            var actual = Hp.Ang2Pix(order, ra[i], dec[i], scheme);
            Assert.True(expected[i] == actual, $"ra={ra[i]:R} dec={dec[i]:R}: healpy {expected[i]}, Das {actual}");
        }
    }

    [Fact]
    public void Ang2pix_nested_matches_healpy_at_order_29()
    {
        var ra = Ang2PixTruth.GetProperty("ra").Doubles();
        var dec = Ang2PixTruth.GetProperty("dec").Doubles();
        var expected = Ang2PixTruth.GetProperty("orders").GetProperty("29").GetProperty("nest").Longs();
        var actual = new long[ra.Length];
        Hp.Ang2Pix(29, ra, dec, actual, HealpixScheme.Nested);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(OrdersAndSchemes))]
    public void Pix2ang_matches_healpy_within_one_mas(int order, HealpixScheme scheme)
    {
        var t = Pix2AngTruth.GetProperty(order.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pix = t.GetProperty("pix").Longs();
        var prefix = scheme == HealpixScheme.Nested ? "nest" : "ring";
        var ra = t.GetProperty(prefix + "_ra").Doubles();
        var dec = t.GetProperty(prefix + "_dec").Doubles();
        for (var i = 0; i < pix.Length; i++)
        {
            var (r, d) = Hp.Pix2Ang(order, pix[i], scheme);
            var sep = HealpixFixtures.Separation(r, d, ra[i], dec[i]);
            Assert.True(sep < HealpixFixtures.OneMasInDegrees, $"pixel {pix[i]}: ({r:R}, {d:R}) vs healpy ({ra[i]:R}, {dec[i]:R})");
            Assert.InRange(r, 0.0, 360.0);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(29)]
    public void Nest2ring_and_ring2nest_match_healpy(int order)
    {
        var t = Pix2AngTruth.GetProperty(order.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pix = t.GetProperty("pix").Longs();
        var n2r = t.GetProperty("nest2ring").Longs();
        var r2n = t.GetProperty("ring2nest").Longs();
        Assert.Equal(n2r, pix.Select(p => Hp.Nest2Ring(order, p)).ToArray());
        Assert.Equal(r2n, pix.Select(p => Hp.Ring2Nest(order, p)).ToArray());
        Assert.Equal(pix, n2r.Select(p => Hp.Ring2Nest(order, p)).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Nest2ring_is_a_bijection_on_every_pixel_of_small_orders(int order)
    {
        var n = Hp.PixelCount(order);
        var seen = new HashSet<long>();
        for (long p = 0; p < n; p++)
        {
            var r = Hp.Nest2Ring(order, p);
            Assert.True(seen.Add(r));
            Assert.Equal(p, Hp.Ring2Nest(order, r));
        }
    }

    public static TheoryData<int, HealpixScheme> NeighbourOrders()
    {
        var data = new TheoryData<int, HealpixScheme>();
        foreach (var o in new[] { 0, 1, 2, 5, 10, 29 })
        {
            data.Add(o, HealpixScheme.Nested);
            data.Add(o, HealpixScheme.Ring);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NeighbourOrders))]
    public void Neighbours_match_healpy_in_order_sw_w_nw_n_ne_e_se_s(int order, HealpixScheme scheme)
    {
        var t = NeighbourTruth.GetProperty(order.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pix = t.GetProperty("pix").Longs();
        var expected = t.GetProperty(scheme == HealpixScheme.Nested ? "nest" : "ring").EnumerateArray().Select(e => e.Longs()).ToArray();
        for (var i = 0; i < pix.Length; i++)
        {
            Assert.Equal(expected[i], Hp.Neighbours(order, pix[i], scheme));
        }
    }

    [Fact]
    public void Base_pixel_corners_have_seven_neighbours()
    {
        // Pixel 0 of an order-1 map is the southern corner of base pixel 0 (south corner of a polar base pixel: 8 neighbours),
        // pixel 4·4+... the northern corner of equatorial base pixel 4 has no N neighbour.
        var northCornerOfEquatorialFace = (4L << 2) + 3;
        var n = Hp.Neighbours(1, northCornerOfEquatorialFace, HealpixScheme.Nested);
        Assert.Equal(-1, n[3]);
        Assert.Equal(7, n.Count(p => p >= 0));
    }

    public static TheoryData<int, HealpixScheme> CornerOrders()
    {
        var data = new TheoryData<int, HealpixScheme>();
        foreach (var o in new[] { 0, 1, 5, 10, 29 })
        {
            data.Add(o, HealpixScheme.Nested);
            data.Add(o, HealpixScheme.Ring);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CornerOrders))]
    public void Corners_match_healpy_boundaries_within_one_mas(int order, HealpixScheme scheme)
    {
        var t = CornerTruth.GetProperty(order.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pix = t.GetProperty("pix").Longs();
        var prefix = scheme == HealpixScheme.Nested ? "nest" : "ring";
        var ra = t.GetProperty(prefix + "_ra").EnumerateArray().Select(e => e.Doubles()).ToArray();
        var dec = t.GetProperty(prefix + "_dec").EnumerateArray().Select(e => e.Doubles()).ToArray();
        for (var i = 0; i < pix.Length; i++)
        {
            var corners = Hp.Corners(order, pix[i], scheme);
            for (var k = 0; k < 4; k++)
            {
                var sep = HealpixFixtures.Separation(corners[k].Ra, corners[k].Dec, ra[i][k], dec[i][k]);
                Assert.True(sep < HealpixFixtures.OneMasInDegrees, $"pixel {pix[i]} corner {k}: {corners[k]} vs ({ra[i][k]}, {dec[i][k]})");
            }
        }
    }

    [Fact]
    public void Every_pixel_centre_maps_back_to_its_pixel()
    {
        foreach (var order in new[] { 0, 3, 8, 16, 29 })
        {
            var rng = new Random(order);
            for (var i = 0; i < 2000; i++)
            {
                var p = rng.NextInt64(Hp.PixelCount(order));
                foreach (var scheme in new[] { HealpixScheme.Nested, HealpixScheme.Ring })
                {
                    var (ra, dec) = Hp.Pix2Ang(order, p, scheme);
                    Assert.Equal(p, Hp.Ang2Pix(order, ra, dec, scheme));
                }
            }
        }
    }

    [Fact]
    public void Out_of_range_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hp.Ang2Pix(30, 0, 0, HealpixScheme.Nested));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hp.Ang2Pix(5, 0, 90.5, HealpixScheme.Nested));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hp.Ang2Pix(5, double.NaN, 0, HealpixScheme.Ring));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hp.Pix2Ang(0, 12, HealpixScheme.Ring));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hp.Nest2Ring(3, -1));
    }
}
