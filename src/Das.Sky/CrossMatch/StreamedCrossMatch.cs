namespace Das.Sky.CrossMatch;

/// <summary>
/// A cross-match of catalogue A, held and indexed, against a catalogue B that arrives in batches of consecutive rows
/// (read from a file too large to hold, say): each batch is looked up in A's index as it comes, and only what the
/// mode may still need is kept. The pairs at the end are exactly those of <see cref="SkyCrossMatcher.Match(SkyPositions, SkyPositions, double, CrossMatchMode, CrossMatchPhases?)"/>
/// on the whole of B, with B's rows numbered across the batches.
/// </summary>
/// <remarks>
/// find=all keeps every pair; find=best and best-symmetric keep, for each A row, its best B row so far (an offer wins
/// on a smaller separation, or an equal one from a lower row, so the order of batches cannot change the outcome).
/// </remarks>
public sealed class StreamedCrossMatch
{
    private const double RadToArcsec = 180.0 / Math.PI * 3600.0;

    private readonly ZoneIndex _index;
    private readonly int _rowsA;
    private readonly double _radiusRad;
    private readonly CrossMatchMode _mode;
    private readonly List<PairBuffer> _pairs = [];
    private readonly SkyCrossMatcher.Nearest? _nearest;
    private readonly CrossMatchPhases? _phases;
    private long _candidates;
    private TimeSpan _search;

    private StreamedCrossMatch(ZoneIndex index, int rowsA, double radiusArcsec, CrossMatchMode mode, CrossMatchPhases? phases)
    {
        _index = index;
        _rowsA = rowsA;
        _radiusRad = radiusArcsec / RadToArcsec;
        _mode = mode;
        _phases = phases;
        _nearest = mode == CrossMatchMode.All ? null : new SkyCrossMatcher.Nearest(rowsA);
    }

    /// <summary>Rows of B seen so far.</summary>
    public long RowsB { get; private set; }

    /// <summary>Indexes A for a match within <paramref name="radiusArcsec"/>.</summary>
    /// <param name="a">Positions of A (indexed; read, never changed).</param>
    /// <param name="radiusArcsec">Match radius in arcsec, &gt; 0 and ≤ <see cref="SkyCrossMatcher.MaxRadiusArcsec"/>.</param>
    /// <param name="mode">Which pairs to keep.</param>
    /// <param name="phases">When given, receives the index time now, and the search and select times at <see cref="Finish"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not in (0, 180°] or the mode is unknown.</exception>
    public static StreamedCrossMatch Start(SkyPositions a, double radiusArcsec, CrossMatchMode mode, CrossMatchPhases? phases = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        SkyCrossMatcher.Validate(a.Count, a.Count, 0, 0, radiusArcsec, mode);
        long start = TimeProvider.System.GetTimestamp();
        var index = ZoneIndex.Build(a, radiusArcsec / 3600.0);
        if (phases is not null)
        {
            phases.IndexedSide = "A";
            phases.Index = TimeProvider.System.GetElapsedTime(start);
        }
        return new StreamedCrossMatch(index, a.Count, radiusArcsec, mode, phases);
    }

    /// <summary>
    /// Looks the next batch of B up (its rows follow those of earlier batches) and tells which of its rows take part
    /// in a pair so far: the caller keeps those rows' other columns, and may drop the rest of the batch.
    /// </summary>
    /// <param name="batch">Positions of the batch's rows.</param>
    /// <returns>The batch's own row numbers (from 0) to keep, ascending.</returns>
    /// <exception cref="InvalidOperationException">B would pass 2^31 - 1 rows.</exception>
    public int[] Add(SkyPositions batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (RowsB + batch.Count > int.MaxValue)
        {
            throw new InvalidOperationException("A streamed catalogue holds at most 2^31 - 1 rows.");
        }
        int firstRow = (int)RowsB;
        RowsB += batch.Count;
        if (batch.Count == 0 || _index.Count == 0)
        {
            return [];
        }
        long start = TimeProvider.System.GetTimestamp();
        var search = new SkyCrossMatcher.Search(_index, batch, streamedIsA: false, _radiusRad, firstRow);
        var kept = new List<int>();
        if (_nearest is null)
        {
            var pairs = search.Blocks(static (s, block) => s.CollectBlock(block));
            foreach (var buffer in pairs)
            {
                for (int i = 0; i < buffer.Count; i++)
                {
                    kept.Add(buffer[i].B - firstRow);
                }
                if (buffer.Count > 0)
                {
                    _pairs.Add(buffer);
                }
            }
        }
        else
        {
            // find=best: every candidate is offered to its A row; best-symmetric: only each B row's nearest A row.
            var offers = search.Offers(nearestOnly: _mode == CrossMatchMode.BestSymmetric);
            _nearest.Take(offers);
            // Rows that hold an A row now; a later batch may take it from them (they are then kept for nothing,
            // which costs memory but never a wrong answer).
            foreach (var buffer in offers)
            {
                for (int i = 0; i < buffer.Count; i++)
                {
                    var (rowA, rowB, _) = buffer[i];
                    if (_nearest.OtherOf(rowA) == rowB)
                    {
                        kept.Add(rowB - firstRow);
                    }
                }
            }
        }
        _candidates += search.Candidates;
        _search += TimeProvider.System.GetElapsedTime(start);
        kept.Sort();
        return [.. kept.Distinct()];
    }

    /// <summary>The pairs over all batches: A rows as given, B rows numbered across the batches; ordered by A row, then separation, then B row.</summary>
    public CrossMatchResult Finish()
    {
        long start = TimeProvider.System.GetTimestamp();
        var result = _nearest is null
            ? (_pairs.Count == 0 ? CrossMatchResult.Empty : SkyCrossMatcher.Sorted(SkyCrossMatcher.Concatenate(_pairs)))
            : _rowsA == 0 ? CrossMatchResult.Empty : _nearest.ToResult(rowsAreA: true);
        if (_phases is not null)
        {
            _phases.Search = _search;
            _phases.Select = TimeProvider.System.GetElapsedTime(start);
            _phases.Candidates = _candidates;
        }
        return result;
    }
}
