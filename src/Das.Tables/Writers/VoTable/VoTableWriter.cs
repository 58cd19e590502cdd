using Das.Tables.Model;

namespace Das.Tables.Writers.VoTable;

/// <summary>
/// Writes VOTable 1.4 and 1.5 documents (TABLEDATA or BINARY2) straight to a stream, row by row through a pooled
/// buffer: a million-row table is never materialised as text. Every element of the model is written (FIELD and
/// PARAM with all attributes, VALUES, LINK, DESCRIPTION, INFO, COOSYS, TIMESYS, GROUP with FIELDref/PARAMref,
/// nested RESOURCEs). The output is well-formed and valid whatever the input holds:
/// <list type="bullet">
/// <item>characters XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/U+FFFF) are written as U+FFFD;</item>
/// <item>IDs are rewritten to valid, unique NCNames, refs follow them, and refs that point nowhere are dropped;</item>
/// <item>column names are made unique within a table, and column declarations are adjusted so every cell fits
/// (see <c>VoColumnPlan</c>: non-ASCII char → unicodeChar, overflowing sizes → variable, fixed-array nulls);</item>
/// <item>astral characters (emoji) in unicodeChar cells are kept as UTF-16 surrogate pairs, i.e. two unicodeChar
/// units, which is what STIL and astropy read back; strict UCS-2 consumers see two replacement characters.</item>
/// </list>
/// </summary>
public static class VoTableWriter
{
    /// <summary>The XML namespace of VOTable 1.3, 1.4 and 1.5 documents.</summary>
    public const string Namespace = "http://www.ivoa.net/xml/VOTable/v1.3";

    /// <summary>The media type to serve VOTable with.</summary>
    public const string MediaType = "application/x-votable+xml";

    /// <summary>Writes <paramref name="document"/> to <paramref name="stream"/> (the stream is flushed, not closed).</summary>
    /// <param name="stream">Where the UTF-8 document goes; only asynchronous writes are made.</param>
    /// <param name="document">The document; for answers of many sources see <see cref="MultiSourceDocument"/>.</param>
    /// <param name="options">Serialization and version; null for <see cref="VoTableWriteOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops between rows.</param>
    public static async Task WriteAsync(Stream stream, VoTableDocument document, VoTableWriteOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(document);
        options ??= VoTableWriteOptions.Default;
        if (options.Base64LineLength < 0 || options.Base64LineLength % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Base64LineLength,
                "Base64LineLength must be 0 or a positive multiple of 4");
        }
        using var output = new OutputBuffer(stream);
        var writer = new VoTableDocumentWriter(output, options);
        await writer.WriteAsync(document, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one table as a document with one "results" RESOURCE.</summary>
    /// <param name="stream">Where the UTF-8 document goes.</param>
    /// <param name="table">The table.</param>
    /// <param name="options">Serialization and version; null for the defaults.</param>
    /// <param name="cancellationToken">Stops between rows.</param>
    public static Task WriteTableAsync(Stream stream, Table table, VoTableWriteOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var document = new VoTableDocument
        {
            Resources = [new Resource { Type = "results", Tables = [table] }],
        };
        return WriteAsync(stream, document, options, cancellationToken);
    }
}
