using Das.Tables.Columns;

namespace Das.Tables.Model;

/// <summary>
/// A table: columns with their FIELD metadata, plus the TABLE element's PARAMs, INFOs, GROUPs and LINKs.
/// A reader that stopped early (row or byte cap, truncated document) says so in <see cref="Truncation"/>.
/// </summary>
public sealed class Table
{
    private readonly List<Column> _columns;

    /// <summary>Creates a table from its columns (all of the same length).</summary>
    public Table(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
    }

    /// <summary>Creates an empty table with one column per field.</summary>
    public static Table FromFields(IEnumerable<Field> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new Table(fields.Select(Column.Create));
    }

    /// <summary>The <c>name</c> attribute.</summary>
    public string? Name { get; init; }
    /// <summary>The <c>ID</c> attribute.</summary>
    public string? Id { get; init; }
    /// <summary>The <c>ucd</c> attribute.</summary>
    public string? Ucd { get; init; }
    /// <summary>The <c>utype</c> attribute.</summary>
    public string? Utype { get; init; }
    /// <summary>The <c>ref</c> attribute.</summary>
    public string? Ref { get; init; }
    /// <summary>The DESCRIPTION element's text.</summary>
    public string? Description { get; init; }
    /// <summary>The <c>nrows</c> attribute as declared (VOTable 1.1+), which a reader checks against what it read.</summary>
    public long? DeclaredRowCount { get; init; }
    /// <summary>PARAMs of the TABLE.</summary>
    public IReadOnlyList<Param> Params { get; init; } = [];
    /// <summary>INFOs inside the TABLE (VOTable 1.2+ allows them after the DATA too).</summary>
    public IReadOnlyList<Info> Infos { get; init; } = [];
    /// <summary>GROUPs of the TABLE.</summary>
    public IReadOnlyList<Group> Groups { get; init; } = [];
    /// <summary>LINKs of the TABLE.</summary>
    public IReadOnlyList<Link> Links { get; init; } = [];

    /// <summary>Why the table holds fewer rows than the source had, or null when it is complete.</summary>
    public Truncation? Truncation { get; set; }

    /// <summary>True when rows are missing (see <see cref="Truncation"/>).</summary>
    public bool IsTruncated => Truncation is not null;

    /// <summary>The columns in FIELD order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>The FIELDs in order.</summary>
    public IEnumerable<Field> Fields => _columns.Select(c => c.Field);

    /// <summary>Number of rows (the shortest column, so a row half-read when reading stopped does not count).</summary>
    public int RowCount => _columns.Count == 0 ? 0 : _columns.Min(c => c.Count);

    /// <summary>The first column with this name (exact match first, then case-insensitive), or null.</summary>
    public Column? FindColumn(string name) =>
        _columns.Find(c => string.Equals(c.Name, name, StringComparison.Ordinal)) ??
        _columns.Find(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The first column whose UCD carries <paramref name="ucd"/> as one of its words (<c>pos.eq.ra</c> matches
    /// <c>pos.eq.ra;meta.main</c> and SCS 1.03's <c>POS_EQ_RA_MAIN</c>), preferring columns marked <c>meta.main</c>;
    /// null when none.
    /// </summary>
    public Column? FindColumnByUcd(string ucd)
    {
        var wanted = Model.Ucd.Words(ucd);
        Column? first = null;
        foreach (var column in _columns)
        {
            var words = Model.Ucd.Words(column.Field.Ucd);
            if (wanted.Count == 0 || !wanted.All(w => words.Contains(w, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }
            if (words.Contains("meta.main", StringComparer.OrdinalIgnoreCase))
            {
                return column;
            }
            first ??= column;
        }
        return first;
    }

    /// <summary>Makes every column the same length as the shortest, dropping a partly read last row.</summary>
    public void TrimToCompleteRows()
    {
        int rows = RowCount;
        if (_columns.All(c => c.Count == rows))
        {
            return;
        }
        for (int i = 0; i < _columns.Count; i++)
        {
            _columns[i] = Truncate(_columns[i], rows);
        }
    }

    /// <summary>Bytes held by the column storage, for memory accounting.</summary>
    public long AllocatedBytes => _columns.Sum(c => c.AllocatedBytes);

    /// <summary>Bytes of the data itself (values, text offsets and lengths, null masks): see <see cref="Column.DataBytes"/>.</summary>
    public long DataBytes => _columns.Sum(c => c.DataBytes);

    private static Column Truncate(Column column, int rows)
    {
        if (column.Count == rows)
        {
            return column;
        }
        // Rare path (a document cut inside a row): rebuild the column through the generic interface.
        var copy = Column.Create(column.Field);
        for (int row = 0; row < rows; row++)
        {
            ColumnCopier.CopyCell(column, row, copy);
        }
        return copy;
    }
}
