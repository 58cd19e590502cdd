using Das.Tables.Csv;
using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Tables.VoTable.Diagnostics;

namespace Das.Cli.Tables;

/// <summary>A table file read by the CLI: a VOTable (any serialisation) or a CSV, chosen by content.</summary>
internal sealed record TableFile(
    string Path,
    VoTableDocument? Document,
    ReadFailure? Failure,
    IReadOnlyList<VoTableDiagnostic> Diagnostics,
    IReadOnlyDictionary<string, int> Suppressed,
    long Bytes,
    TimeSpan Elapsed)
{
    /// <summary>Every table in the file.</summary>
    public IReadOnlyList<Table> Tables => Document?.AllTables().ToList() ?? [];

    /// <summary>Reads the file; with <paramref name="batches"/>, the rows are handed over as they are read and the tables keep none.</summary>
    public static async Task<TableFile> ReadAsync(string path, CancellationToken cancellationToken, RowBatches? batches = null)
    {
        long start = TimeProvider.System.GetTimestamp();
        if (IsCsv(path))
        {
            var csv = await CsvReader.ReadFileAsync(path, CsvReaderOptions.Default with { RowBatches = batches }, cancellationToken);
            var doc = csv.Table is null ? null : new VoTableDocument { Resources = [new Resource { Tables = [csv.Table] }] };
            return new TableFile(path, doc, csv.Failure, csv.Diagnostics, csv.SuppressedDiagnostics, csv.BytesRead,
                TimeProvider.System.GetElapsedTime(start));
        }
        var result = await VoTableReader.ReadFileAsync(path, VoTableReaderOptions.Default with { RowBatches = batches }, cancellationToken);
        return new TableFile(path, result.Document, result.Failure, result.Diagnostics, result.SuppressedDiagnostics, result.BytesRead,
            TimeProvider.System.GetElapsedTime(start));
    }

    // CSV by extension; otherwise by content: a VOTable starts with '<' (after a BOM and blanks).
    private static bool IsCsv(string path)
    {
        var ext = System.IO.Path.GetExtension(path);
        if (ext.Equals(".csv", StringComparison.OrdinalIgnoreCase) || ext.Equals(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (ext.Equals(".vot", StringComparison.OrdinalIgnoreCase) || ext.Equals(".xml", StringComparison.OrdinalIgnoreCase) ||
            ext.Equals(".votable", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[64];
        int n = stream.Read(head);
        foreach (byte b in head[..n])
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }
            return b != (byte)'<';
        }
        return false;
    }
}
