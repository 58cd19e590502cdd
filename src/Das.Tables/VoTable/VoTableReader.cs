using System.IO.Compression;
using Das.Tables.VoTable.Diagnostics;
using Das.Tables.VoTable.Parsing;

namespace Das.Tables.VoTable;

/// <summary>
/// Reads VOTable 1.1–1.5 documents (TABLEDATA, BINARY, BINARY2; inline or href streams) into the columnar model.
/// Nothing about the body throws: HTML pages, empty bodies, XML errors, cut documents and bad cells come back as
/// values on <see cref="VoTableReadResult"/> (except in <see cref="VoTableStrictness.Strict"/> mode, which throws
/// <see cref="VoTableFormatException"/> at the first error). Cancellation throws <see cref="OperationCanceledException"/>.
/// </summary>
public static class VoTableReader
{
    /// <summary>Reads a document from a stream (an HTTP body, a file). The stream is not disposed.</summary>
    /// <param name="stream">The body; read to its end or until a cap is reached.</param>
    /// <param name="options">Caps, strictness and href resolution; <see cref="VoTableReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static Task<VoTableReadResult> ReadAsync(Stream stream, VoTableReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCoreAsync(stream, options ?? VoTableReaderOptions.Default, syncReads: false, cancellationToken);
    }

    /// <summary>
    /// Reads a document from a file: the fast path (large sequential reads on the calling thread, hrefs resolved
    /// next to the file).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Caps, strictness and href resolution; <see cref="VoTableReaderOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<VoTableReadResult> ReadFileAsync(string path, VoTableReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= VoTableReaderOptions.Default;
        if (options.BaseUri is null)
        {
            options = options with { BaseUri = new Uri(Path.GetFullPath(path)) };
        }
        var stream = InputFile.OpenSequential(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadCoreAsync(stream, options, syncReads: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<VoTableReadResult> ReadCoreAsync(Stream stream, VoTableReaderOptions options, bool syncReads, CancellationToken cancellationToken)
    {
        var sink = new DiagnosticSink(options.Strictness, options.MaxDiagnosticsPerCode);
        // A gzip-compressed body (a .vot.gz file, or a server that compresses without Content-Encoding) is
        // decompressed on the fly; everything after that counts decompressed bytes.
        var head = new byte[2];
        int got = 0;
        try
        {
            while (got < 2)
            {
                int n = syncReads ? stream.Read(head, got, 2 - got) : await stream.ReadAsync(head.AsMemory(got, 2 - got), cancellationToken).ConfigureAwait(false);
                if (n <= 0)
                {
                    break;
                }
                got += n;
            }
        }
        catch (Exception ex) when (ex is IOException or System.Net.Http.HttpRequestException)
        {
            return new VoTableReadResult
            {
                Failure = new ReadFailure { Kind = ReadFailureKind.StreamError, Message = "Reading the answer failed: " + ex.Message, ByteOffset = got },
                BytesRead = got,
            };
        }
        bool gzip = got == 2 && head[0] == 0x1F && head[1] == 0x8B;
        Stream source;
        if (syncReads && !gzip && stream is FileStream { CanSeek: true })
        {
            // A plain file is read from its start again, not through a PrefixStream: the input buffer reads files
            // in two halves at once, which needs the file itself.
            stream.Position -= got;
            source = stream;
        }
        else
        {
            source = new PrefixStream(head, got, stream);
            if (gzip)
            {
                source = new GZipStream(source, CompressionMode.Decompress);
            }
        }
        using var input = new InputBuffer(source, syncReads, options.MaxBytes) { SplitWork = options.UseMultipleCores };
        var reader = new DocumentReader(input, options, sink, syncReads);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }
}
