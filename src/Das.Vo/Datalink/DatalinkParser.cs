using System.Globalization;
using Das.Tables.Columns;
using Das.Vo.Answers;

namespace Das.Vo.Datalink;

/// <summary>Reads the links table of a DataLink answer by its standard column names.</summary>
public static class DatalinkParser
{
    /// <summary>The links in the answer's results table; a table without ID and access_url is not a links table.</summary>
    /// <exception cref="FormatException">The table lacks the DataLink columns.</exception>
    public static IReadOnlyList<DatalinkLink> Links(VoTableAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var table = answer.Table;
        var id = table.FindColumn("ID") ?? throw new FormatException("not a DataLink table: no ID column");
        var access = table.FindColumn("access_url") ?? throw new FormatException("not a DataLink table: no access_url column");
        var serviceDef = table.FindColumn("service_def");
        var error = table.FindColumn("error_message");
        var semantics = table.FindColumn("semantics");
        var description = table.FindColumn("description");
        var contentType = table.FindColumn("content_type");
        var contentLength = table.FindColumn("content_length");
        var links = new List<DatalinkLink>(table.RowCount);
        for (int row = 0; row < table.RowCount; row++)
        {
            links.Add(new DatalinkLink
            {
                Id = Text(id, row) ?? "",
                AccessUrl = Text(access, row),
                ServiceDef = Text(serviceDef, row),
                ErrorMessage = Text(error, row),
                Semantics = Text(semantics, row),
                Description = Text(description, row),
                ContentType = Text(contentType, row),
                ContentLength = contentLength?.GetValue(row) is { } n ? Convert.ToInt64(n, CultureInfo.InvariantCulture) : null,
            });
        }
        return links;
    }

    private static string? Text(Column? column, int row) =>
        column?.GetValue(row) is { } value && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text ? text.Trim() : null;
}
