using Das.Tables.Model;
using Das.Tables.Writers.Csv;
using Das.Tables.Writers.Json;
using Das.Tables.Writers.VoTable;
using Das.Tables.Writers.Xlsx;

namespace Das.Tables.Writers;

/// <summary>
/// The formats one table can be written in, each with its name (as users type it), file extension and media
/// type: one place for the CLI's files and the web API's downloads to choose a writer.
/// </summary>
public sealed class TableFormat
{
    /// <summary>VOTable, BINARY2.</summary>
    public static readonly TableFormat VoTable = new("votable", ".vot", VoTableWriter.MediaType);

    /// <summary>CSV with a header line.</summary>
    public static readonly TableFormat Csv = new("csv", ".csv", CsvWriter.MediaType);

    /// <summary>Das table JSON (docs/table-json.md).</summary>
    public static readonly TableFormat Json = new("json", ".json", TableJsonWriter.MediaType);

    /// <summary>An Excel workbook with one sheet.</summary>
    public static readonly TableFormat Xlsx = new("xlsx", ".xlsx", XlsxWriter.MediaType);

    /// <summary>Every format.</summary>
    public static IReadOnlyList<TableFormat> All { get; } = [VoTable, Csv, Json, Xlsx];

    private TableFormat(string name, string extension, string mediaType)
    {
        Name = name;
        Extension = extension;
        MediaType = mediaType;
    }

    /// <summary>The name users type: votable, csv, json, xlsx.</summary>
    public string Name { get; }

    /// <summary>The file extension, with its dot.</summary>
    public string Extension { get; }

    /// <summary>The media type.</summary>
    public string MediaType { get; }

    /// <summary>The format with this name (case-insensitive), or null.</summary>
    public static TableFormat? FromName(string? name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The format a file name's extension asks for; VOTable for .vot, .xml and anything unknown.</summary>
    public static TableFormat FromFileName(string fileName) =>
        All.FirstOrDefault(f => string.Equals(f.Extension, Path.GetExtension(fileName), StringComparison.OrdinalIgnoreCase)) ?? VoTable;

    /// <summary>Writes <paramref name="table"/> in this format (the stream is flushed, not closed).</summary>
    public Task WriteTableAsync(Stream stream, Table table, CancellationToken cancellationToken) => Name switch
    {
        "csv" => CsvWriter.WriteAsync(stream, table, null, cancellationToken),
        "json" => TableJsonWriter.WriteAsync(stream, table, null, cancellationToken),
        "xlsx" => XlsxWriter.WriteTableAsync(stream, table, cancellationToken),
        _ => VoTableWriter.WriteTableAsync(stream, table, null, cancellationToken),
    };

    /// <inheritdoc/>
    public override string ToString() => Name;
}
