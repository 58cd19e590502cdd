using Das.Sky.Healpix;
using Das.Sky.Moc;
using SkyMoc = Das.Sky.Moc.Moc;

namespace Das.Sky.Tests.Moc;

public sealed class MocTests
{
    private const int Order = 4;

    /// <summary>A random MOC of cells of orders 0 … 4 and the same coverage as a brute-force set of order-4 cells.</summary>
    private static (SkyMoc Moc, HashSet<long> Cells) RandomMoc(Random rng, int count)
    {
        var cells = new List<MocCell>();
        var set = new HashSet<long>();
        for (var i = 0; i < count; i++)
        {
            var o = rng.Next(0, Order + 1);
            var index = rng.NextInt64(12L << (2 * o));
            cells.Add(new MocCell(o, index));
            var shift = 2 * (Order - o);
            for (var c = index << shift; c < (index + 1) << shift; c++)
            {
                set.Add(c);
            }
        }

        return (SkyMoc.FromCells(cells, Order), set);
    }

    private static HashSet<long> CellsAt(SkyMoc moc, int order)
    {
        var set = new HashSet<long>();
        var shift = 2 * (29 - order);
        foreach (var r in moc.Ranges)
        {
            Assert.Equal(0, r.Start & ((1L << shift) - 1));
            Assert.Equal(0, r.End & ((1L << shift) - 1));
            for (var c = r.Start >> shift; c < r.End >> shift; c++)
            {
                set.Add(c);
            }
        }

        return set;
    }

    [Fact]
    public void Set_operations_match_brute_force_cell_sets()
    {
        var rng = new Random(42);
        for (var trial = 0; trial < 200; trial++)
        {
            var (a, sa) = RandomMoc(rng, rng.Next(0, 12));
            var (b, sb) = RandomMoc(rng, rng.Next(0, 12));
            Assert.Equal(sa, CellsAt(a, Order));
            Assert.True(sa.Union(sb).ToHashSet().SetEquals(CellsAt(a.Union(b), Order)));
            Assert.True(sa.Intersect(sb).ToHashSet().SetEquals(CellsAt(a.Intersection(b), Order)));
            Assert.True(sa.Except(sb).ToHashSet().SetEquals(CellsAt(a.Difference(b), Order)));
            var all = Enumerable.Range(0, 12 << (2 * Order)).Select(i => (long)i);
            Assert.True(all.Except(sa).ToHashSet().SetEquals(CellsAt(a.Complement(), Order)));
            Assert.Equal(sa.Count / (double)(12 << (2 * Order)), a.SkyFraction, 12);
        }
    }

    [Fact]
    public void Ranges_are_sorted_disjoint_and_not_adjacent()
    {
        var rng = new Random(3);
        for (var trial = 0; trial < 50; trial++)
        {
            var ranges = RandomMoc(rng, 30).Moc.Ranges;
            for (var i = 1; i < ranges.Count; i++)
            {
                Assert.True(ranges[i].Start > ranges[i - 1].End);
            }
        }
    }

    [Fact]
    public void Contains_point_matches_the_cell_of_the_point()
    {
        var rng = new Random(5);
        var (moc, cells) = RandomMoc(rng, 40);
        for (var i = 0; i < 5000; i++)
        {
            var ra = rng.NextDouble() * 360;
            var dec = Math.Asin((2 * rng.NextDouble()) - 1) * 180 / Math.PI;
            Assert.Equal(cells.Contains(HealpixGrid.Ang2Pix(Order, ra, dec, HealpixScheme.Nested)), moc.Contains(ra, dec));
        }
    }

    [Fact]
    public void Overlaps_cone_is_false_only_when_the_cone_is_disjoint()
    {
        var rng = new Random(9);
        for (var trial = 0; trial < 300; trial++)
        {
            var (moc, _) = RandomMoc(rng, rng.Next(1, 6));
            var ra = rng.NextDouble() * 360;
            var dec = Math.Asin((2 * rng.NextDouble()) - 1) * 180 / Math.PI;
            var radius = Math.Pow(10, (rng.NextDouble() * 3) - 2);
            var cone = SkyMoc.FromCone(ra, dec, radius, 10);
            var truth = !moc.Intersection(cone).IsEmpty;
            if (truth)
            {
                Assert.True(moc.OverlapsCone(ra, dec, radius), $"cone ({ra}, {dec}, {radius}) overlaps {moc}");
            }

            if (moc.Contains(ra, dec))
            {
                Assert.True(moc.OverlapsCone(ra, dec, radius));
            }
        }

        var north = SkyMoc.ParseAscii("0/0");
        Assert.True(north.OverlapsCone(45, 60, 0.001));
        Assert.False(north.OverlapsCone(45, -60, 10));
        Assert.False(SkyMoc.Empty(5).OverlapsCone(0, 0, 180));
    }

    [Fact]
    public void Cone_moc_holds_the_inclusive_disc_pixels()
    {
        var moc = SkyMoc.FromCone(83.63, 22.01, 1.0, 10);
        var pixels = HealpixGrid.QueryDisc(10, 83.63, 22.01, 1.0, HealpixScheme.Nested);
        Assert.Equal(10, moc.MaxOrder);
        Assert.True(pixels.ToHashSet().SetEquals(CellsAt(moc, 10)));
        Assert.True(moc.Contains(83.63, 22.01));
        Assert.InRange(moc.AreaSquareDegrees, Math.PI, Math.PI * 1.2);
    }

    [Fact]
    public void Polygon_moc_covers_its_vertices_interior()
    {
        var moc = SkyMoc.FromPolygon([10.0, 20.0, 20.0, 10.0], [10.0, 10.0, 20.0, 20.0], 8);
        Assert.True(moc.Contains(15, 15));
        Assert.False(moc.Contains(25, 15));
    }

    [Fact]
    public void Four_siblings_are_written_as_their_parent()
    {
        var moc = SkyMoc.FromCells([new MocCell(3, 4), new MocCell(3, 5), new MocCell(3, 6), new MocCell(3, 7), new MocCell(3, 9)]);
        Assert.Equal([new MocCell(2, 1), new MocCell(3, 9)], moc.ToCells());
        Assert.Equal("2/1 3/9", moc.ToAscii());
    }

    [Fact]
    public void Degrade_covers_the_original_at_the_lower_order()
    {
        var rng = new Random(13);
        for (var trial = 0; trial < 50; trial++)
        {
            var (moc, _) = RandomMoc(rng, 10);
            var coarse = moc.Degrade(2);
            Assert.Equal(2, coarse.MaxOrder);
            Assert.Equal(moc, moc.Union(coarse).Intersection(moc));
            Assert.True(coarse.Difference(moc.Degrade(2)).IsEmpty);
            Assert.Equal(moc.Union(coarse).Ranges, coarse.Ranges);
            Assert.All(coarse.ToCells(), c => Assert.True(c.Order <= 2));
        }
    }

    [Fact]
    public void Full_sky_and_empty_have_fractions_one_and_zero()
    {
        Assert.Equal(1.0, SkyMoc.FullSky(3).SkyFraction);
        Assert.Equal(0.0, SkyMoc.Empty(3).SkyFraction);
        Assert.Equal(1 / 12.0, SkyMoc.ParseAscii("0/7").SkyFraction, 15);
        Assert.Equal(SkyMoc.FullSky(3), SkyMoc.Empty(3).Complement());
    }

    [Fact]
    public void Nuniq_round_trips_at_every_order()
    {
        for (var o = 0; o <= 29; o++)
        {
            var cell = new MocCell(o, (12L << (2 * o)) - 1);
            Assert.Equal(cell, MocCell.FromUniq(cell.Uniq));
            Assert.Equal(new MocCell(o, 0), MocCell.FromUniq(4L << (2 * o)));
        }
    }

    [Fact]
    public void Positions_moc_contains_each_position()
    {
        double[] ra = [10, 200.5, 359.9];
        double[] dec = [-30, 45, 89.9];
        var moc = SkyMoc.FromPositions(ra, dec, 12);
        Assert.All(Enumerable.Range(0, 3), i => Assert.True(moc.Contains(ra[i], dec[i])));
        Assert.Equal(3, moc.ToCells().Count);
    }
}
