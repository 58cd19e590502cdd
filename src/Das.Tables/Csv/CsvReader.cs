using Das.Tables.VoTable.Diagnostics;
using Das.Tables.VoTable.Parsing;

namespace Das.Tables.Csv;

/// <summary>
/// Reads RFC 4180 CSV (quoted fields, doubled quotes, embedded newlines, CRLF or LF, UTF-8 BOM) into a
/// <see cref="Model.Table"/> with typed columns. Empty fields are null. Failures are values on the result.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads CSV from a stream (not disposed).</summary>
    /// <param name="stream">The body.</param>
    /// <param name="options">Options; <see cref="CsvReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static Task<CsvReadResult> ReadAsync(Stream stream, CsvReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCoreAsync(stream, options ?? CsvReaderOptions.Default, syncReads: false, cancellationToken);
    }

    /// <summary>Reads a CSV file (the fast path: large sequential reads).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Options; <see cref="CsvReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<CsvReadResult> ReadFileAsync(string path, CsvReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = InputFile.OpenSequential(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadCoreAsync(stream, options ?? CsvReaderOptions.Default, syncReads: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<CsvReadResult> ReadCoreAsync(Stream stream, CsvReaderOptions options, bool syncReads, CancellationToken cancellationToken)
    {
        if (options.Delimiter is '"' or '\r' or '\n' or > '\x7f')
        {
            throw new ArgumentException("the delimiter must be an ASCII character other than a quote or a line break", nameof(options));
        }
        var sink = new DiagnosticSink(options.Strictness, options.MaxDiagnosticsPerCode);
        using var input = new InputBuffer(stream, syncReads, options.MaxBytes) { SplitWork = options.UseMultipleCores };
        var reader = new CsvTableReader(input, options, sink);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }
}
