using Das.Tables.VoTable.Diagnostics;

namespace Das.Tables.VoTable;

/// <summary>Options of <see cref="VoTableReader"/>. All have safe defaults; a default instance reads everything.</summary>
public sealed record VoTableReaderOptions
{
    /// <summary>The default options.</summary>
    public static readonly VoTableReaderOptions Default = new();

    /// <summary>Stop after this many rows in a table and mark it truncated (<see cref="Model.TruncationReason.RowCap"/>).</summary>
    /// <value>Null (no cap, the default) or at least 0.</value>
    public long? MaxRows { get; init; }

    /// <summary>Stop after reading this many bytes of the document and mark the open table truncated (<see cref="Model.TruncationReason.ByteCap"/>).</summary>
    /// <value>Null (no cap, the default) or at least 1.</value>
    public long? MaxBytes { get; init; }

    /// <summary>What to do with deviations from the specification.</summary>
    /// <value><see cref="VoTableStrictness.Warn"/> by default.</value>
    public VoTableStrictness Strictness { get; init; } = VoTableStrictness.Warn;

    /// <summary>How many diagnostics of one code are kept; later ones are only counted (see <see cref="VoTableReadResult.SuppressedDiagnostics"/>).</summary>
    /// <value>10 by default; at least 1.</value>
    public int MaxDiagnosticsPerCode { get; init; } = 10;

    /// <summary>
    /// Opens the target of a STREAM <c>href</c> (the library has no HTTP client: pass one in for http URLs).
    /// When null, relative and <c>file:</c> hrefs are opened from the file system, relative to <see cref="BaseUri"/>.
    /// </summary>
    public Func<Uri, CancellationToken, ValueTask<Stream>>? HrefResolver { get; init; }

    /// <summary>The document's own location, against which relative hrefs are resolved; set by <see cref="VoTableReader.ReadFileAsync"/>.</summary>
    public Uri? BaseUri { get; init; }

    /// <summary>Use a second thread for large TABLEDATA and BINARY/BINARY2 tables.</summary>
    /// <value>True by default.</value>
    public bool UseMultipleCores { get; init; } = true;

    /// <summary>Hand each table's rows over in batches as they are read instead of keeping them (see <see cref="Model.RowBatches"/>).</summary>
    /// <value>Null by default: every row is kept in the tables of the result.</value>
    public Model.RowBatches? RowBatches { get; init; }
}
