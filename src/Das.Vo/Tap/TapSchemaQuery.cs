using System.Globalization;
using Das.Tables.Model;
using Das.Vo.Adql;
using Das.Vo.Vosi;

namespace Das.Vo.Tap;

/// <summary>
/// Discovery of a TAP service's tables and columns through ADQL on TAP_SCHEMA, the route that works where the VOSI
/// tables document is incomplete (TAPVizieR lists no columns there) or too large to fetch whole. The answer is read
/// into the same <see cref="ServiceSchema"/> the VOSI route gives, so identifiers are checked the same way.
/// </summary>
public static class TapSchemaQuery
{
    private const string Select =
        "SELECT c.table_name, t.description AS table_description, c.column_name, c.datatype, c.unit, c.ucd, c.description" +
        " FROM TAP_SCHEMA.columns AS c JOIN TAP_SCHEMA.tables AS t ON t.table_name = c.table_name";

    private static readonly AdqlTemplate OneTable = AdqlTemplate.Parse(Select + " WHERE c.table_name = {table}");
    private static readonly AdqlTemplate ByUcd = AdqlTemplate.Parse(Select + " WHERE c.ucd LIKE {pattern}");

    /// <summary>Every published column of every table.</summary>
    public static TapQuery AllColumns(Uri tapBase) => new() { BaseUrl = tapBase, Adql = new AdqlFragment(Select) };

    /// <summary>The columns of one table, named as TAP_SCHEMA stores it (e.g. <c>VIII/65/nvss</c> or <c>gaiadr3.gaia_source</c>).</summary>
    public static TapQuery ColumnsOf(Uri tapBase, string tableName)
    {
        var name = AdqlLiteral.TryText(tableName, out var literal, out var error) ? literal : throw new ArgumentException($"table name: {error}");
        return new TapQuery { BaseUrl = tapBase, Adql = OneTable.Render(new Dictionary<string, AdqlFragment> { ["table"] = name }) };
    }

    /// <summary>
    /// Columns whose UCD starts with <paramref name="ucdPrefix"/> (e.g. <c>src.redshift</c>), across all tables:
    /// how the redshift aggregator finds VizieR tables with a redshift column. UCD words are letters, digits, dots,
    /// hyphens and semicolons; the answer is filtered again here, so LIKE's '_' wildcard cannot widen it.
    /// </summary>
    public static TapQuery ColumnsWithUcd(Uri tapBase, string ucdPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ucdPrefix);
        if (!ucdPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ';' or '_'))
        {
            throw new ArgumentException($"'{ucdPrefix}' is not a UCD prefix (letters, digits, '.', '-', ';' and '_' only)");
        }
        AdqlLiteral.TryText(ucdPrefix + "%", out var pattern, out _);
        return new TapQuery { BaseUrl = tapBase, Adql = ByUcd.Render(new Dictionary<string, AdqlFragment> { ["pattern"] = pattern }) };
    }

    /// <summary>Reads the answer of any of these queries into a schema; <paramref name="ucdPrefix"/> keeps only matching columns.</summary>
    public static ServiceSchema ReadSchema(Table answer, string? ucdPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var table = Required(answer, "table_name");
        var column = Required(answer, "column_name");
        var tableDescription = answer.FindColumn("table_description");
        var dataType = answer.FindColumn("datatype");
        var unit = answer.FindColumn("unit");
        var ucd = answer.FindColumn("ucd");
        var description = answer.FindColumn("description");
        var tables = new Dictionary<string, (string? Description, List<SchemaColumn> Columns)>(StringComparer.Ordinal);
        for (int row = 0; row < answer.RowCount; row++)
        {
            var tableName = Text(table, row);
            var columnName = Text(column, row);
            var columnUcd = Text(ucd, row);
            if (tableName is null || columnName is null)
            {
                continue;
            }
            if (ucdPrefix is not null && (columnUcd is null || !columnUcd.StartsWith(ucdPrefix, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            if (!tables.TryGetValue(tableName, out var entry))
            {
                entry = (Text(tableDescription, row), []);
                tables.Add(tableName, entry);
            }
            entry.Columns.Add(new SchemaColumn(columnName, Text(dataType, row), Text(unit, row), columnUcd, Text(description, row)));
        }
        return new ServiceSchema(tables.Select(t => new SchemaTable(t.Key, t.Value.Description, t.Value.Columns)));
    }

    private static Das.Tables.Columns.Column Required(Table answer, string name) =>
        answer.FindColumn(name) ?? throw new FormatException($"the TAP_SCHEMA answer has no {name} column");

    private static string? Text(Das.Tables.Columns.Column? column, int row) =>
        column?.GetValue(row) is { } value && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text ? text.Trim() : null;
}
