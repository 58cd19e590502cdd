using Das.Sky.CrossMatch;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Engine.CrossMatch;

/// <summary>
/// Matches table A against a catalogue B read in batches (<see cref="RowBatches"/>): memory holds A, its index, one
/// batch of B and the rows of B that match, whatever B's size. The pairs and the joined table are those of
/// <see cref="TableCrossMatch.Match"/> on the whole of B.
/// </summary>
public sealed class StreamedTableMatch
{
    private readonly Table _a;
    private readonly StreamedCrossMatch _match;
    private readonly RowCollector _keptB = new();
    private readonly List<int> _keptRows = []; // B's row numbers of the collected rows, ascending

    private StreamedTableMatch(Table a, StreamedCrossMatch match)
    {
        _a = a;
        _match = match;
    }

    /// <summary>Why B cannot be matched (no position columns in a batch), or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Time spent copying B's matching rows out of the batches (part of building the joined table, not of the match).</summary>
    public TimeSpan KeepTime { get; private set; }

    /// <summary>Rows of B looked up so far.</summary>
    public long RowsB => _match.RowsB;

    /// <summary>Finds A's positions and indexes them.</summary>
    /// <param name="a">Catalogue A (every row of A is looked up in B).</param>
    /// <param name="radiusArcsec">Match radius in arcsec.</param>
    /// <param name="mode">Which pairs to keep.</param>
    /// <param name="phases">When given, receives the time of each phase of the match (profiling).</param>
    /// <returns>The match, or a failure with its reason.</returns>
    public static (StreamedTableMatch? Match, string? Failure) Start(Table a, double radiusArcsec, CrossMatchMode mode, CrossMatchPhases? phases = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (TableCrossMatch.Check(a, "A", radiusArcsec, out string failure) is not { } columns)
        {
            return (null, failure);
        }
        return (new StreamedTableMatch(a, StreamedCrossMatch.Start(columns.Positions(), radiusArcsec, mode, phases)), null);
    }

    /// <summary>Looks up the next batch of B and keeps its rows that match; a batch without positions stops the match (see <see cref="Failure"/>).</summary>
    public void Add(Table batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Failure is not null)
        {
            return;
        }
        if (PositionColumns.Find(batch) is not { } columns)
        {
            Failure = TableCrossMatch.NoPositions("B");
            return;
        }
        int firstRow = (int)_match.RowsB;
        var keep = _match.Add(columns.Positions());
        long start = TimeProvider.System.GetTimestamp();
        _keptB.Add(batch, keep);
        foreach (int row in keep)
        {
            _keptRows.Add(firstRow + row);
        }
        KeepTime += TimeProvider.System.GetElapsedTime(start);
    }

    /// <summary>The pairs (B rows numbered across all batches) and the joined table.</summary>
    /// <param name="shapeOfB">B's table as the reader returned it (metadata, no rows): its columns when no batch came.</param>
    public TableMatchResult Finish(Table shapeOfB)
    {
        ArgumentNullException.ThrowIfNull(shapeOfB);
        var found = FinishPairs(shapeOfB);
        return found.Pairs is { } pairs ? found with { Joined = Join(pairs, shapeOfB) } : found;
    }

    /// <summary>The pairs (B rows numbered across all batches), or the failure; <see cref="Join"/> builds the table.</summary>
    /// <param name="shapeOfB">B's table as the reader returned it (metadata, no rows).</param>
    public TableMatchResult FinishPairs(Table shapeOfB)
    {
        ArgumentNullException.ThrowIfNull(shapeOfB);
        if (Failure is not null)
        {
            return TableMatchResult.Failed(Failure);
        }
        if (_match.RowsB == 0 && PositionColumns.Find(shapeOfB) is null)
        {
            return TableMatchResult.Failed(TableCrossMatch.NoPositions("B"));
        }
        return new TableMatchResult { Pairs = _match.Finish() };
    }

    /// <summary>The joined table of the pairs <see cref="FinishPairs"/> gave: A's columns, B's, <c>separation</c>.</summary>
    /// <param name="pairs">The pairs.</param>
    /// <param name="shapeOfB">B's table as the reader returned it: its columns when no batch came.</param>
    public Table Join(CrossMatchResult pairs, Table shapeOfB)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(shapeOfB);
        var kept = _keptB.ToTable(shapeOfB);
        // B's cells are read from the kept rows: each pair's B row is looked up among them.
        ReadOnlySpan<int> keptRows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keptRows);
        var local = new int[pairs.Count];
        var rowsB = pairs.RowsB;
        for (int i = 0; i < local.Length; i++)
        {
            local[i] = keptRows.BinarySearch(rowsB[i]);
        }
        return TableCrossMatch.Join(_a, kept, pairs.WithRowsB(local));
    }
}
