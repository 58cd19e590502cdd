using Das.Sky.CrossMatch;
using Das.Sky.Tests.Healpix;

namespace Das.Sky.Tests.CrossMatch;

public sealed class SkyCrossMatcherTests
{
    private const double Tolerance = 1e-6; // arcsec

    private static readonly (double[] Ra, double[] Dec) A = CrossMatchFixtures.Positions("a.csv");
    private static readonly (double[] Ra, double[] Dec) B = CrossMatchFixtures.Positions("b.csv");

    [Theory]
    [InlineData(CrossMatchMode.All, "astropy_all.csv")]
    [InlineData(CrossMatchMode.All, "stilts_all.csv")]
    [InlineData(CrossMatchMode.Best, "astropy_best.csv")]
    [InlineData(CrossMatchMode.Best, "stilts_best1.csv")]
    [InlineData(CrossMatchMode.BestSymmetric, "stilts_best.csv")]
    public void Pairs_and_separations_agree_with_the_truth(CrossMatchMode mode, string truthFile)
    {
        var truth = CrossMatchFixtures.Pairs(truthFile);
        var result = SkyCrossMatcher.Match(A.Ra, A.Dec, B.Ra, B.Dec, CrossMatchFixtures.Radius, mode);

        var actual = Pairs(result);
        Assert.Equal(truth.Count, actual.Count);
        var byA = actual.GroupBy(kv => kv.Key.A).ToDictionary(g => g.Key, g => g.First());
        foreach (var (pair, sep) in truth)
        {
            if (!actual.TryGetValue(pair, out double mine))
            {
                // Nearest-only modes may pick another copy of an exactly duplicated B position (KD-tree order differs).
                Assert.NotEqual(CrossMatchMode.All, mode);
                var other = byA[pair.A].Key.B;
                Assert.Equal((B.Ra[pair.B], B.Dec[pair.B]), (B.Ra[other], B.Dec[other]));
                mine = byA[pair.A].Value;
            }
            Assert.True(Math.Abs(mine - sep) <= Tolerance, $"{pair}: {mine} vs {sep}");
        }
    }

    [Theory]
    [InlineData(CrossMatchMode.All)]
    [InlineData(CrossMatchMode.Best)]
    [InlineData(CrossMatchMode.BestSymmetric)]
    public void Output_is_ordered_by_A_row_then_separation_and_is_the_same_every_run(CrossMatchMode mode)
    {
        var first = SkyCrossMatcher.Match(A.Ra, A.Dec, B.Ra, B.Dec, CrossMatchFixtures.Radius, mode);
        var second = SkyCrossMatcher.Match(A.Ra, A.Dec, B.Ra, B.Dec, CrossMatchFixtures.Radius, mode);

        Assert.Equal(first.RowsA.ToArray(), second.RowsA.ToArray());
        Assert.Equal(first.RowsB.ToArray(), second.RowsB.ToArray());
        for (int i = 1; i < first.Count; i++)
        {
            Assert.True(first.RowsA[i - 1] < first.RowsA[i] ||
                (first.RowsA[i - 1] == first.RowsA[i] && first.SeparationsArcsec[i - 1] <= first.SeparationsArcsec[i]));
        }
    }

    [Fact]
    public void Every_mutually_nearest_pair_is_in_the_symmetric_best()
    {
        var best = Pairs(SkyCrossMatcher.Match(A.Ra, A.Dec, B.Ra, B.Dec, CrossMatchFixtures.Radius, CrossMatchMode.Best));
        var reverse = Pairs(SkyCrossMatcher.Match(B.Ra, B.Dec, A.Ra, A.Dec, CrossMatchFixtures.Radius, CrossMatchMode.Best));
        var symmetric = Pairs(SkyCrossMatcher.Match(A.Ra, A.Dec, B.Ra, B.Dec, CrossMatchFixtures.Radius, CrossMatchMode.BestSymmetric));

        var mutual = best.Keys.Where(p => reverse.ContainsKey((p.B, p.A))).ToList();
        Assert.NotEmpty(mutual);
        Assert.All(mutual, p => Assert.Contains(p, symmetric.Keys));
        Assert.Equal(symmetric.Count, symmetric.Keys.Select(p => p.B).Distinct().Count());
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(359.9999, 0.0)]
    [InlineData(0.0001, 45.0)]
    [InlineData(123.0, 89.9999)]
    [InlineData(300.0, -89.99)]
    [InlineData(10.0, 90.0)]
    public void Random_catalogues_match_a_brute_force_search_at_wraps_and_poles(double ra0, double dec0)
    {
        var rng = new Random(1234);
        var (raA, decA) = Cluster(rng, ra0, dec0, 600, 0.05);
        var (raB, decB) = Cluster(rng, ra0, dec0, 3000, 0.05);

        foreach (double radius in new[] { 3.0, 60.0 })
        {
            var brute = BruteForce(raA, decA, raB, decB, radius);
            var all = Pairs(SkyCrossMatcher.Match(raA, decA, raB, decB, radius, CrossMatchMode.All));
            Assert.Equal(brute.Keys.Order(), all.Keys.Order());
            Assert.All(brute, kv => Assert.True(Math.Abs(all[kv.Key] - kv.Value) <= Tolerance));
        }
    }

    [Theory]
    [InlineData(155.0, 0.0, 1.0)]   // a field like the shared benchmark's, at 1″
    [InlineData(10.0, -60.0, 3.0)]  // further south: RA windows twice as wide
    [InlineData(0.3, 20.0, 2.0)]    // a field across RA 0: the bits span 0-360°, and windows that wrap are left to the zones
    public void A_sparse_index_that_answers_empty_lookups_from_its_occupancy_bits_finds_every_pair_brute_force_does(
        double ra0, double dec0, double radius)
    {
        var rng = new Random(4321);
        var (raA, decA) = Cluster(rng, ra0, dec0, 3000, 0.5);
        var (raField, decField) = Cluster(rng, ra0, dec0, 3000, 0.5);
        // Half of B lies near A rows, up to twice the radius away (both sides of the radius occur); half is field.
        var raB = new double[6000];
        var decB = new double[6000];
        for (int i = 0; i < 3000; i++)
        {
            double offset = radius / 3600 * 2 * rng.NextDouble(), angle = rng.NextDouble() * 2 * Math.PI;
            decB[i] = decA[i] + (offset * Math.Sin(angle));
            raB[i] = raA[i] + (offset * Math.Cos(angle) / Math.Cos(decA[i] * Math.PI / 180));
            (raB[3000 + i], decB[3000 + i]) = (raField[i], decField[i]);
        }
        Assert.True(ZoneIndex.Build(raA, decA, radius / 3600).FiltersEmptyLookups);

        var brute = BruteForce(raA, decA, raB, decB, radius);
        var all = Pairs(SkyCrossMatcher.Match(raA, decA, raB, decB, radius, CrossMatchMode.All));
        Assert.True(brute.Count > 1000);
        Assert.Equal(brute.Keys.Order(), all.Keys.Order());
        var best = SkyCrossMatcher.Match(raA, decA, raB, decB, radius, CrossMatchMode.Best);
        Assert.Equal(brute.GroupBy(p => p.Key.A).Count(), best.Count);
    }

    [Fact]
    public void Radius_of_degrees_finds_the_same_pairs_as_brute_force()
    {
        // Far larger than any zone or HEALPix cell a small radius would use, and wide enough to wrap in RA.
        var rng = new Random(99);
        var (raA, decA) = Cluster(rng, 0.0, 60.0, 200, 20.0);
        var (raB, decB) = Cluster(rng, 0.0, 60.0, 500, 20.0);
        const double radius = 7200.0;

        var brute = BruteForce(raA, decA, raB, decB, radius);
        var all = Pairs(SkyCrossMatcher.Match(raA, decA, raB, decB, radius, CrossMatchMode.All));
        Assert.True(brute.Count > 100);
        Assert.Equal(brute.Keys.Order(), all.Keys.Order());
    }

    [Fact]
    public void Duplicate_positions_in_B_give_every_copy_in_all_and_the_lowest_row_in_best()
    {
        double[] raB = [10.0, 10.0, 10.0], decB = [20.0, 20.0, 20.0];
        double[] raA = [10.0 + (0.5 / 3600.0)], decA = [20.0];

        var all = SkyCrossMatcher.Match(raA, decA, raB, decB, 1.0, CrossMatchMode.All);
        var best = SkyCrossMatcher.Match(raA, decA, raB, decB, 1.0, CrossMatchMode.Best);

        Assert.Equal([0, 1, 2], all.RowsB.ToArray());
        Assert.Equal([0], best.RowsB.ToArray());
    }

    [Fact]
    public void NaN_and_out_of_range_positions_take_part_in_no_pair()
    {
        double[] raB = [10.0, double.NaN, 10.0, 10.0], decB = [20.0, 20.0, double.NaN, 91.0];
        double[] raA = [10.0, double.NaN, 10.0], decA = [20.0, 20.0, double.NaN];

        var all = SkyCrossMatcher.Match(raA, decA, raB, decB, 1.0, CrossMatchMode.All);

        Assert.Equal(1, all.Count);
        Assert.Equal(0, all.RowsA[0]);
        Assert.Equal(0, all.RowsB[0]);
        Assert.Equal(0.0, all.SeparationsArcsec[0]);
    }

    [Theory]
    [InlineData(CrossMatchMode.All)]
    [InlineData(CrossMatchMode.Best)]
    [InlineData(CrossMatchMode.BestSymmetric)]
    public void Empty_inputs_give_no_pairs(CrossMatchMode mode)
    {
        double[] one = [1.0];
        Assert.Equal(0, SkyCrossMatcher.Match([], [], one, one, 1.0, mode).Count);
        Assert.Equal(0, SkyCrossMatcher.Match(one, one, [], [], 1.0, mode).Count);
    }

    [Fact]
    public void RA_outside_0_to_360_is_taken_modulo_360()
    {
        double[] raA = [-0.0001, 360.0001], decA = [0.0, 0.0];
        double[] raB = [359.9999, 0.0001], decB = [0.0, 0.0];

        var all = SkyCrossMatcher.Match(raA, decA, raB, decB, 0.1, CrossMatchMode.All);

        Assert.Equal([(0, 0), (1, 1)], Pairs(all).Keys.Order());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(SkyCrossMatcher.MaxRadiusArcsec * 2)]
    public void A_radius_outside_0_to_180_degrees_is_rejected(double radius)
    {
        double[] one = [1.0];
        Assert.Throws<ArgumentOutOfRangeException>(() => SkyCrossMatcher.Match(one, one, one, one, radius, CrossMatchMode.All));
    }

    [Fact]
    public void Many_A_rows_matched_in_parallel_give_the_same_pairs_as_one_at_a_time()
    {
        var rng = new Random(7);
        var (raB, decB) = Cluster(rng, 200.0, -30.0, 20_000, 0.5);
        var (raA, decA) = Cluster(rng, 200.0, -30.0, 20_000, 0.5);

        var together = SkyCrossMatcher.Match(raA, decA, raB, decB, 10.0, CrossMatchMode.Best);
        var singly = new List<(int, int)>();
        for (int i = 0; i < raA.Length; i++)
        {
            var one = SkyCrossMatcher.Match(raA.AsSpan(i, 1), decA.AsSpan(i, 1), raB, decB, 10.0, CrossMatchMode.Best);
            if (one.Count == 1)
            {
                singly.Add((i, one.RowsB[0]));
            }
        }
        Assert.True(singly.Count > 100);
        Assert.Equal(singly, Pairs(together).Keys);
    }

    [Theory]
    [InlineData(CrossMatchMode.All)]
    [InlineData(CrossMatchMode.Best)]
    [InlineData(CrossMatchMode.BestSymmetric)]
    public void Indexing_A_or_B_gives_the_same_pairs_separations_and_order(CrossMatchMode mode)
    {
        // Dense enough that rows have several candidates, with exact duplicates on both sides to exercise the ties.
        var rng = new Random(2024);
        var (raA, decA) = Cluster(rng, 0.001, 10.0, 3000, 0.02);
        var (raB, decB) = Cluster(rng, 0.001, 10.0, 9000, 0.02);
        Array.Copy(raA, 0, raA, 100, 50);
        Array.Copy(decA, 0, decA, 100, 50);
        Array.Copy(raB, 0, raB, 200, 80);
        Array.Copy(decB, 0, decB, 200, 80);
        Array.Copy(raA, 300, raB, 400, 30);
        Array.Copy(decA, 300, decB, 400, 30);

        foreach (double radius in new[] { 2.0, 20.0 })
        {
            var indexedA = SkyCrossMatcher.Match(raA, decA, raB, decB, radius, mode, indexA: true, phases: null);
            var indexedB = SkyCrossMatcher.Match(raA, decA, raB, decB, radius, mode, indexA: false, phases: null);

            Assert.True(indexedA.Count > 100);
            Assert.Equal(indexedB.RowsA.ToArray(), indexedA.RowsA.ToArray());
            Assert.Equal(indexedB.RowsB.ToArray(), indexedA.RowsB.ToArray());
            Assert.Equal(indexedB.SeparationsArcsec.ToArray(), indexedA.SeparationsArcsec.ToArray());
        }
    }

    [Theory]
    [InlineData(CrossMatchMode.All)]
    [InlineData(CrossMatchMode.Best)]
    [InlineData(CrossMatchMode.BestSymmetric)]
    public void The_truth_is_found_whichever_catalogue_is_indexed(CrossMatchMode mode)
    {
        var indexedA = Pairs(SkyCrossMatcher.Match(A.Ra, A.Dec, B.Ra, B.Dec, CrossMatchFixtures.Radius, mode, indexA: true, phases: null));
        var indexedB = Pairs(SkyCrossMatcher.Match(A.Ra, A.Dec, B.Ra, B.Dec, CrossMatchFixtures.Radius, mode, indexA: false, phases: null));

        Assert.NotEmpty(indexedA);
        Assert.Equal(indexedB, indexedA);
    }

    [Theory]
    [InlineData(CrossMatchMode.All)]
    [InlineData(CrossMatchMode.Best)]
    [InlineData(CrossMatchMode.BestSymmetric)]
    public void Positions_read_in_place_from_chunks_give_the_same_pairs_as_arrays(CrossMatchMode mode)
    {
        // Uneven chunks, one empty, on both sides; each side is streamed once (the smaller is indexed).
        static SkyPositions Chunked(double[] ra, double[] dec, params int[] cuts)
        {
            var bounds = cuts.Prepend(0).Append(ra.Length).ToArray();
            var r = new List<ReadOnlyMemory<double>>();
            var d = new List<ReadOnlyMemory<double>>();
            for (int i = 0; i + 1 < bounds.Length; i++)
            {
                r.Add(ra.AsMemory(bounds[i], bounds[i + 1] - bounds[i]));
                d.Add(dec.AsMemory(bounds[i], bounds[i + 1] - bounds[i]));
            }
            return SkyPositions.FromChunks(r, d)!;
        }

        var arrays = SkyCrossMatcher.Match(A.Ra, A.Dec, B.Ra, B.Dec, CrossMatchFixtures.Radius, mode);
        var chunkedB = SkyCrossMatcher.Match(SkyPositions.FromArrays(A.Ra, A.Dec), Chunked(B.Ra, B.Dec, 7, 7, 5000, 12_345), CrossMatchFixtures.Radius, mode);
        var chunkedA = SkyCrossMatcher.Match(Chunked(B.Ra, B.Dec, 3000), Chunked(A.Ra, A.Dec, 1, 999), CrossMatchFixtures.Radius, mode);
        var reversed = SkyCrossMatcher.Match(B.Ra, B.Dec, A.Ra, A.Dec, CrossMatchFixtures.Radius, mode);

        Assert.True(arrays.Count > 100);
        Assert.Equal(Pairs(arrays), Pairs(chunkedB));
        Assert.Equal(arrays.RowsA.ToArray(), chunkedB.RowsA.ToArray());
        Assert.Equal(Pairs(reversed), Pairs(chunkedA));
    }

    [Fact]
    public void Chunks_of_RA_and_Dec_that_do_not_pair_up_are_refused()
    {
        double[] x = [1, 2, 3];
        Assert.Null(SkyPositions.FromChunks([x.AsMemory(0, 2), x.AsMemory(2, 1)], [x.AsMemory(0, 1), x.AsMemory(1, 2)]));
        Assert.Null(SkyPositions.FromChunks([x.AsMemory()], [x.AsMemory(0, 1), x.AsMemory(1, 2)]));
        Assert.Equal(3, SkyPositions.FromChunks([x.AsMemory(0, 1), x.AsMemory(1, 2)], [x.AsMemory(0, 1), x.AsMemory(1, 2)])!.Count);
    }

    [Fact]
    public void Phases_name_the_smaller_catalogue_as_the_indexed_one()
    {
        var phases = new CrossMatchPhases();
        SkyCrossMatcher.Match(A.Ra, A.Dec, B.Ra, B.Dec, CrossMatchFixtures.Radius, CrossMatchMode.All, phases);
        string expected = A.Ra.Length <= B.Ra.Length ? "A" : "B";
        var reversed = new CrossMatchPhases();
        SkyCrossMatcher.Match(B.Ra, B.Dec, A.Ra, A.Dec, CrossMatchFixtures.Radius, CrossMatchMode.All, reversed);

        Assert.NotEqual(A.Ra.Length, B.Ra.Length);
        Assert.Equal(expected, phases.IndexedSide);
        Assert.Equal(expected == "A" ? "B" : "A", reversed.IndexedSide);
        Assert.True(phases.Candidates > 0);
    }

    private static Dictionary<(int A, int B), double> Pairs(CrossMatchResult result)
    {
        var pairs = new Dictionary<(int A, int B), double>();
        for (int i = 0; i < result.Count; i++)
        {
            pairs.Add((result.RowsA[i], result.RowsB[i]), result.SeparationsArcsec[i]);
        }
        return pairs;
    }

    private static Dictionary<(int A, int B), double> BruteForce(double[] raA, double[] decA, double[] raB, double[] decB, double radius)
    {
        var pairs = new Dictionary<(int A, int B), double>();
        for (int i = 0; i < raA.Length; i++)
        {
            for (int j = 0; j < raB.Length; j++)
            {
                double sep = HealpixFixtures.Separation(raA[i], decA[i], raB[j], decB[j]) * 3600.0;
                if (sep <= radius)
                {
                    pairs.Add((i, j), sep);
                }
            }
        }
        return pairs;
    }

    // Points scattered within about `spread` degrees of (ra0, dec0), RA left unwrapped near 0/360 on purpose, Dec folded at the poles.
    private static (double[] Ra, double[] Dec) Cluster(Random rng, double ra0, double dec0, int n, double spread)
    {
        var ra = new double[n];
        var dec = new double[n];
        for (int i = 0; i < n; i++)
        {
            double d = dec0 + ((rng.NextDouble() - 0.5) * 2 * spread);
            dec[i] = d > 90 ? 180 - d : d < -90 ? -180 - d : d;
            double cos = Math.Max(Math.Cos(dec[i] * Math.PI / 180), 1e-3);
            ra[i] = ra0 + ((rng.NextDouble() - 0.5) * 2 * Math.Min(spread / cos, 180));
            if (i % 50 == 0)
            {
                ra[i] = (ra[i] % 360 + 360) % 360; // some rows already normalised, some not
            }
        }
        return (ra, dec);
    }
}
