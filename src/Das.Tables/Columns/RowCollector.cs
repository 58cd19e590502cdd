using Das.Tables.Model;

namespace Das.Tables.Columns;

/// <summary>
/// Collects chosen rows of a run of tables with the same columns (the batches of one file, say) into one table. A
/// column that a later table holds wider (a CSV reader widens long to double, or anything to text, when a later value
/// needs it) is widened here too, its earlier values converted.
/// </summary>
public sealed class RowCollector
{
    private Column[]? _columns;

    /// <summary>Rows collected so far.</summary>
    public int RowCount => _columns is null || _columns.Length == 0 ? 0 : _columns[0].Count;

    /// <summary>Appends rows <paramref name="rows"/> of <paramref name="table"/>, in the order given.</summary>
    /// <exception cref="ArgumentException">The table's columns differ from the first table's (names, count or kind).</exception>
    public void Add(Table table, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(table);
        _columns ??= [.. table.Columns.Select(c => Column.Create(WithoutId(c.Field)))];
        if (table.Columns.Count != _columns.Length)
        {
            throw new ArgumentException($"a table with {table.Columns.Count} columns cannot join rows of {_columns.Length} columns", nameof(table));
        }
        for (int c = 0; c < _columns.Length; c++)
        {
            var source = table.Columns[c];
            if (!string.Equals(source.Name, _columns[c].Name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"column {c + 1} is '{source.Name}' here and '{_columns[c].Name}' before", nameof(table));
            }
            if (source.GetType() != _columns[c].GetType())
            {
                _columns[c] = Widened(_columns[c], source.Field);
            }
            var target = _columns[c];
            foreach (int row in rows)
            {
                ColumnCopier.CopyCell(source, row, target);
            }
        }
    }

    /// <summary>The collected rows, with the columns of <paramref name="shape"/> when no row was ever added.</summary>
    public Table ToTable(Table shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var columns = _columns ?? [.. shape.Columns.Select(c => Column.Create(WithoutId(c.Field)))];
        return new Table(columns) { Name = shape.Name, Description = shape.Description, Params = shape.Params };
    }

    // The copy is a table of its own: the ID of the original stays the original's.
    private static Field WithoutId(Field field) => field with { Id = null };

    private static Column Widened(Column collected, Field wider)
    {
        var target = Column.Create(WithoutId(wider) with { Name = collected.Name });
        ColumnCopier.AppendWidened(collected, target);
        return target;
    }
}
