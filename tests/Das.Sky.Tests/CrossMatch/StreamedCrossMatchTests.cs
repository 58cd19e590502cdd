using Das.Sky.CrossMatch;

namespace Das.Sky.Tests.CrossMatch;

/// <summary>B read in batches against an indexed A gives exactly the pairs of the match on the whole of B.</summary>
public sealed class StreamedCrossMatchTests
{
    private static readonly (double[] Ra, double[] Dec) A = CrossMatchFixtures.Positions("a.csv");
    private static readonly (double[] Ra, double[] Dec) B = CrossMatchFixtures.Positions("b.csv");

    public static TheoryData<CrossMatchMode, int[]> Cuts => new()
    {
        { CrossMatchMode.All, [] },
        { CrossMatchMode.All, [1, 7, 7, 5000, 12_345] },
        { CrossMatchMode.Best, [] },
        { CrossMatchMode.Best, [1, 7, 7, 5000, 12_345] },
        { CrossMatchMode.Best, [.. Enumerable.Range(1, 199).Select(i => i * 100)] },
        { CrossMatchMode.BestSymmetric, [] },
        { CrossMatchMode.BestSymmetric, [1, 7, 7, 5000, 12_345] },
        { CrossMatchMode.BestSymmetric, [.. Enumerable.Range(1, 199).Select(i => i * 100)] },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Batches_of_B_give_the_pairs_of_the_whole_match_and_keep_every_B_row_of_them(CrossMatchMode mode, int[] cuts)
    {
        var whole = SkyCrossMatcher.Match(A.Ra, A.Dec, B.Ra, B.Dec, CrossMatchFixtures.Radius, mode);
        var (streamed, kept) = Stream(mode, cuts, A, B);

        Assert.True(whole.Count > 100);
        Assert.Equal(whole.RowsA.ToArray(), streamed.RowsA.ToArray());
        Assert.Equal(whole.RowsB.ToArray(), streamed.RowsB.ToArray());
        Assert.Equal(whole.SeparationsArcsec.ToArray(), streamed.SeparationsArcsec.ToArray());
        Assert.Subset(kept.ToHashSet(), streamed.RowsB.ToArray().ToHashSet());
    }

    [Fact]
    public void A_row_keeps_the_lower_of_two_B_rows_at_the_same_place_in_different_batches()
    {
        // The same position at B rows 1 and 4, batches [0, 3) and [3, 6): whichever batch comes first, row 1 wins.
        double[] raA = [10.0], decA = [20.0];
        double[] raB = [50, 10.0001, 60, 70, 10.0001, 80], decB = [0, 20.0, 0, 0, 20.0, 0];
        foreach (var mode in new[] { CrossMatchMode.Best, CrossMatchMode.BestSymmetric })
        {
            var (pairs, kept) = Stream(mode, [3], (raA, decA), (raB, decB));
            Assert.Equal([1], pairs.RowsB.ToArray());
            Assert.Contains(1, kept);
        }
    }

    [Fact]
    public void Batches_past_an_index_of_no_valid_positions_find_nothing()
    {
        var match = StreamedCrossMatch.Start(SkyPositions.FromArrays([double.NaN], [0]), 1, CrossMatchMode.All);
        Assert.Empty(match.Add(SkyPositions.FromArrays(B.Ra, B.Dec)));
        Assert.Equal(0, match.Finish().Count);
        Assert.Equal(B.Ra.Length, match.RowsB);
    }

    [Fact]
    public void Phases_report_the_index_search_and_candidates()
    {
        var phases = new CrossMatchPhases();
        Stream(CrossMatchMode.All, [10_000], A, B, phases);
        Assert.Equal("A", phases.IndexedSide);
        Assert.True(phases.Candidates > 0);
        Assert.True(phases.Search > TimeSpan.Zero);
    }

    [Fact]
    public void A_radius_outside_0_to_180_degrees_is_refused()
    {
        var a = SkyPositions.FromArrays(A.Ra, A.Dec);
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamedCrossMatch.Start(a, 0, CrossMatchMode.All));
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamedCrossMatch.Start(a, SkyCrossMatcher.MaxRadiusArcsec * 2, CrossMatchMode.All));
    }

    // Streams B cut at `cuts` (row numbers where a batch starts); returns the pairs and the B rows kept (across batches).
    private static (CrossMatchResult Pairs, List<int> Kept) Stream(CrossMatchMode mode, int[] cuts, (double[] Ra, double[] Dec) a,
        (double[] Ra, double[] Dec) b, CrossMatchPhases? phases = null)
    {
        var match = StreamedCrossMatch.Start(SkyPositions.FromArrays(a.Ra, a.Dec), CrossMatchFixtures.Radius, mode, phases);
        var bounds = cuts.Prepend(0).Append(b.Ra.Length).ToArray();
        var kept = new List<int>();
        for (int i = 0; i + 1 < bounds.Length; i++)
        {
            int from = bounds[i], length = bounds[i + 1] - bounds[i];
            var rows = match.Add(SkyPositions.FromArrays(b.Ra[from..(from + length)], b.Dec[from..(from + length)]));
            Assert.True(rows.All(r => r >= 0 && r < length));
            kept.AddRange(rows.Select(r => r + from));
        }
        Assert.Equal(b.Ra.Length, match.RowsB);
        return (match.Finish(), kept);
    }
}
