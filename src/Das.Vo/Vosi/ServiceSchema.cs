using Das.Vo.Adql;

namespace Das.Vo.Vosi;

/// <summary>
/// The tables and columns a TAP service publishes (from its VOSI tables document), used to check identifiers before
/// a query goes out: a column a user or a configuration names must exist, or the query is refused with the names
/// that do.
/// </summary>
public sealed class ServiceSchema
{
    private readonly Dictionary<string, SchemaTable> _tables;

    /// <summary>Creates a schema from its tables.</summary>
    public ServiceSchema(IEnumerable<SchemaTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every table, by name.</summary>
    public IReadOnlyCollection<SchemaTable> Tables => _tables.Values;

    /// <summary>The table with this name (case-insensitive, as ADQL regular identifiers are), or null.</summary>
    public SchemaTable? FindTable(string name) => _tables.GetValueOrDefault(name);

    /// <summary>A checked identifier for a published table, or false with a reason naming what exists.</summary>
    public bool TryTable(string name, out AdqlIdentifier identifier, out string? error)
    {
        identifier = null!;
        if (FindTable(name) is not { } table)
        {
            error = $"the service has no table '{name}'" + Suggest(name, _tables.Keys);
            return false;
        }
        // Table names in TAP_SCHEMA are written as ADQL would (schema.table, or "quoted" parts).
        if (!AdqlIdentifier.TryParse(table.Name, out identifier, out error))
        {
            return AdqlIdentifier.TryFromName(table.Name, out identifier, out error);
        }
        return true;
    }

    /// <summary>A checked identifier for a column of a published table, or false with a reason naming what exists.</summary>
    public bool TryColumn(string tableName, string columnName, out AdqlIdentifier identifier, out string? error)
    {
        identifier = null!;
        if (FindTable(tableName) is not { } table)
        {
            error = $"the service has no table '{tableName}'" + Suggest(tableName, _tables.Keys);
            return false;
        }
        var column = table.Columns.FirstOrDefault(c => string.Equals(c.Name, columnName, StringComparison.Ordinal))
            ?? table.Columns.FirstOrDefault(c => string.Equals(c.Name, columnName, StringComparison.OrdinalIgnoreCase));
        if (column is null)
        {
            error = $"table {table.Name} has no column '{columnName}'" + Suggest(columnName, table.Columns.Select(c => c.Name));
            return false;
        }
        return AdqlIdentifier.TryFromName(column.Name, out identifier, out error);
    }

    private static string Suggest(string wanted, IEnumerable<string> known)
    {
        var close = known.Where(k => k.Contains(wanted, StringComparison.OrdinalIgnoreCase) || wanted.Contains(k, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).Take(5).ToList();
        return close.Count == 0 ? "" : $" (did you mean {string.Join(", ", close)}?)";
    }
}
