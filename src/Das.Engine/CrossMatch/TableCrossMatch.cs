using Das.Sky.CrossMatch;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Threading;

namespace Das.Engine.CrossMatch;

/// <summary>
/// Positional cross-match of tables: finds each table's RA/Dec columns, matches with <see cref="SkyCrossMatcher"/>
/// and joins the rows as STILTS <c>tmatch2 join=1and2</c> does: A's columns, then B's, a name present in both
/// renamed with suffix <c>_1</c> (A) and <c>_2</c> (B), then <c>separation</c> in arcsec.
/// </summary>
public static class TableCrossMatch
{
    /// <summary>Name of the separation column of a joined table.</summary>
    public const string SeparationColumn = "separation";

    /// <summary>Matches A against B and builds the joined table.</summary>
    /// <param name="a">Catalogue A (every row of A is looked up in B).</param>
    /// <param name="b">Catalogue B.</param>
    /// <param name="radiusArcsec">Match radius in arcsec.</param>
    /// <param name="mode">Which pairs to keep.</param>
    /// <param name="epochs">Bring positions with proper motions to one epoch first; null to match them as given.</param>
    /// <returns>The pairs and the joined table, or a failure with its reason.</returns>
    public static TableMatchResult Match(Table a, Table b, double radiusArcsec, CrossMatchMode mode, EpochPropagation? epochs = null)
    {
        var found = FindPairs(a, b, radiusArcsec, mode, epochs);
        return found.Pairs is { } pairs ? found with { Joined = Join(a, b, pairs) } : found;
    }

    /// <summary>Matches A against each catalogue in turn: one result per catalogue, in their order.</summary>
    /// <param name="a">Catalogue A; its positions are read once.</param>
    /// <param name="catalogues">Catalogues B1 … Bn.</param>
    /// <param name="radiusArcsec">Match radius in arcsec.</param>
    /// <param name="mode">Which pairs to keep.</param>
    /// <param name="epochs">Bring positions with proper motions to one epoch first; null to match them as given.</param>
    /// <returns>One result per catalogue; a catalogue without positions fails alone.</returns>
    public static IReadOnlyList<TableMatchResult> MatchEach(Table a, IReadOnlyList<Table> catalogues, double radiusArcsec, CrossMatchMode mode,
        EpochPropagation? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(catalogues);
        if (Check(a, "A", radiusArcsec, out string failure) is not { } columnsA)
        {
            return [.. catalogues.Select(_ => TableMatchResult.Failed(failure))];
        }
        double[] raA = columnsA.RaDegrees(), decA = columnsA.DecDegrees();
        var results = new List<TableMatchResult>(catalogues.Count);
        foreach (var (b, i) in catalogues.Select((t, i) => (t, i + 1)))
        {
            var found = epochs is null
                ? FindPairs(raA, decA, b, $"catalogue {i}", radiusArcsec, mode)
                : FindPairs(a, (double[])raA.Clone(), (double[])decA.Clone(), b, $"catalogue {i}", radiusArcsec, mode, epochs);
            results.Add(found.Pairs is { } pairs ? found with { Joined = Join(a, b, pairs) } : found);
        }
        return results;
    }

    /// <summary>Matches A against B without building the joined table (the pairs index the tables' rows).</summary>
    /// <param name="a">Catalogue A.</param>
    /// <param name="b">Catalogue B.</param>
    /// <param name="radiusArcsec">Match radius in arcsec.</param>
    /// <param name="mode">Which pairs to keep.</param>
    /// <param name="epochs">Bring positions with proper motions to one epoch first; null to match them as given.</param>
    /// <param name="phases">When given, receives the time of each phase of the match (profiling).</param>
    /// <returns>The pairs, or a failure with its reason.</returns>
    public static TableMatchResult FindPairs(Table a, Table b, double radiusArcsec, CrossMatchMode mode, EpochPropagation? epochs = null,
        CrossMatchPhases? phases = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Check(a, "A", radiusArcsec, out string failure) is not { } columnsA)
        {
            return TableMatchResult.Failed(failure);
        }
        if (epochs is not null)
        {
            return FindPairs(a, columnsA.RaDegrees(), columnsA.DecDegrees(), b, "B", radiusArcsec, mode, epochs, phases);
        }
        // Without epochs nothing moves, so both tables' positions are read where they are.
        var columnsB = PositionColumns.Find(b);
        return columnsB is null
            ? TableMatchResult.Failed(NoPositions("B"))
            : new TableMatchResult { Pairs = SkyCrossMatcher.Match(columnsA.Positions(), columnsB.Positions(), radiusArcsec, mode, phases) };
    }

    /// <summary>Builds the joined table for pairs found between A and B.</summary>
    /// <param name="a">Catalogue A.</param>
    /// <param name="b">Catalogue B.</param>
    /// <param name="pairs">Pairs of rows of A and B.</param>
    /// <returns>A table with one row per pair.</returns>
    public static Table Join(Table a, Table b, CrossMatchResult pairs)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(pairs);
        var namesA = new HashSet<string>(a.Columns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        var namesB = new HashSet<string>(b.Columns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        var sources = a.Columns.Select(c => (Source: c, Rows: pairs.RowsA.ToArray(), Name: namesB.Contains(c.Name) ? c.Name + "_1" : c.Name))
            .Concat(b.Columns.Select(c => (Source: c, Rows: pairs.RowsB.ToArray(), Name: namesA.Contains(c.Name) ? c.Name + "_2" : c.Name)))
            .ToList();

        var columns = new Column[sources.Count];
        // Columns are independent, so they are filled in parallel; each worker owns its column.
        ForkJoin.For(sources.Count, k =>
        {
            var (source, rows, name) = sources[k];
            // The copy drops ID and ref: IDs must stay unique and the COOSYS a ref names is not carried over.
            var target = Column.Create(source.Field with { Name = name, Id = null, Ref = null });
            foreach (int row in rows)
            {
                ColumnCopier.CopyCell(source, row, target);
            }
            columns[k] = target;
        });

        var taken = new HashSet<string>(sources.Select(s => s.Name), StringComparer.OrdinalIgnoreCase);
        string separationName = SeparationColumn;
        while (taken.Contains(separationName))
        {
            separationName += "_";
        }
        var separation = new ScalarColumn<double>(new Field
        {
            Name = separationName,
            DataType = VoDataType.Double,
            Unit = "arcsec",
            Ucd = "pos.angDistance",
            Description = "Great-circle distance between the matched A and B positions",
        });
        separation.AppendRange(pairs.SeparationsArcsec);
        return new Table([.. columns, separation])
        {
            Name = a.Name is null && b.Name is null ? "match" : $"{a.Name ?? "A"} x {b.Name ?? "B"}",
            Description = "Positional cross-match",
        };
    }

    private static TableMatchResult FindPairs(double[] raA, double[] decA, Table b, string label, double radiusArcsec, CrossMatchMode mode)
    {
        var columnsB = PositionColumns.Find(b);
        if (columnsB is null)
        {
            return TableMatchResult.Failed(NoPositions(label));
        }
        return new TableMatchResult { Pairs = SkyCrossMatcher.Match(SkyPositions.FromArrays(raA, decA), columnsB.Positions(), radiusArcsec, mode) };
    }

    private static TableMatchResult FindPairs(Table a, double[] raA, double[] decA, Table b, string label, double radiusArcsec, CrossMatchMode mode,
        EpochPropagation epochs, CrossMatchPhases? phases = null)
    {
        var columnsB = PositionColumns.Find(b);
        if (columnsB is null)
        {
            return TableMatchResult.Failed(NoPositions(label));
        }
        double[] raB = columnsB.RaDegrees(), decB = columnsB.DecDegrees();
        var notes = new List<string>();
        if (!EpochAligner.TryAlign(a, raA, decA, b, label, raB, decB, epochs, notes, out string failure))
        {
            return TableMatchResult.Failed(failure);
        }
        return new TableMatchResult { Pairs = SkyCrossMatcher.Match(raA, decA, raB, decB, radiusArcsec, mode, phases), Notes = notes };
    }

    internal static PositionColumns? Check(Table a, string label, double radiusArcsec, out string failure)
    {
        failure = "";
        if (!(radiusArcsec > 0 && radiusArcsec <= SkyCrossMatcher.MaxRadiusArcsec))
        {
            failure = "The match radius must be greater than 0 and at most 180 degrees.";
            return null;
        }
        var found = PositionColumns.Find(a);
        if (found is null)
        {
            failure = NoPositions(label);
        }
        return found;
    }

    internal static string NoPositions(string label) =>
        $"Table {label} has no position columns (UCD pos.eq.ra/pos.eq.dec, or named ra/dec, RAJ2000/DEJ2000, RA_ICRS/DE_ICRS).";
}
