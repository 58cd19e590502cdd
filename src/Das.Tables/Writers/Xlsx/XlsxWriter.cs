using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Table = Das.Tables.Model.Table;

namespace Das.Tables.Writers.Xlsx;

/// <summary>
/// Writes XLSX workbooks with the Open XML SDK's streaming <see cref="OpenXmlWriter"/>: one sheet per table (names
/// made valid and unique under Excel's rules), a header row of column names, typed cells (numbers as numbers,
/// booleans as booleans, nulls, NaN and infinities empty; integers beyond 15 digits, arrays and complex numbers as
/// text, since Excel keeps 15 significant digits), and a <c>metadata</c> sheet listing every column's datatype,
/// unit, UCD and description. A query over many sources also gets a <c>sources</c> sheet (status, message, rows).
/// The package is built in a temporary file (ZIP packaging is synchronous) and then copied asynchronously.
/// A sheet holds at most 1,048,575 data rows; longer tables are cut and the metadata sheet says so.
/// </summary>
public static class XlsxWriter
{
    /// <summary>The media type.</summary>
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Writes one table (sheet named after it) and the metadata sheet.</summary>
    /// <param name="stream">Where the workbook goes (flushed, not closed).</param>
    /// <param name="table">The table.</param>
    /// <param name="cancellationToken">Stops between rows.</param>
    public static Task WriteTableAsync(Stream stream, Table table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        return WriteAsync(stream, [new XlsxSheetSource(table.Name ?? "table", table, null)], cancellationToken);
    }

    /// <summary>Writes one sheet per source that returned a table, a <c>sources</c> sheet and the metadata sheet.</summary>
    /// <param name="stream">Where the workbook goes (flushed, not closed).</param>
    /// <param name="sources">One entry per source.</param>
    /// <param name="cancellationToken">Stops between rows.</param>
    public static Task WriteSourcesAsync(Stream stream, IEnumerable<SourceTable> sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return WriteAsync(stream, [.. sources.Select(s => new XlsxSheetSource(s.SourceId, s.Table, s))], cancellationToken);
    }

    private static async Task WriteAsync(Stream stream, IReadOnlyList<XlsxSheetSource> sheets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string path = Path.GetTempFileName();
        await using var temp = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var document = SpreadsheetDocument.Create(temp, SpreadsheetDocumentType.Workbook))
        {
            // Deflate dominates the cost of a large sheet; Fast compresses sheet XML nearly as well at a fraction of the time.
            document.CompressionOption = System.IO.Packaging.CompressionOption.Fast;
            XlsxWorkbookBuilder.Build(document, sheets, cancellationToken);
        }
        temp.Position = 0;
        await temp.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
