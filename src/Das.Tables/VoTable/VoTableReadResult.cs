using Das.Tables.Model;
using Das.Tables.VoTable.Diagnostics;

namespace Das.Tables.VoTable;

/// <summary>
/// What <see cref="VoTableReader"/> read: the document (possibly partial), or why there is none, plus the diagnostics.
/// A truncated table is not a failure: see <see cref="Table.Truncation"/> on each table.
/// </summary>
public sealed record VoTableReadResult
{
    /// <summary>The document; null only when nothing table-like could be read (see <see cref="Failure"/>).</summary>
    public VoTableDocument? Document { get; init; }
    /// <summary>Why reading failed or stopped (HTML page, empty body, XML error...), or null.</summary>
    public ReadFailure? Failure { get; init; }
    /// <summary>Diagnostics in document order, at most <see cref="VoTableReaderOptions.MaxDiagnosticsPerCode"/> per code.</summary>
    public IReadOnlyList<VoTableDiagnostic> Diagnostics { get; init; } = [];
    /// <summary>How many diagnostics were not kept because their code had reached the cap, per code.</summary>
    public IReadOnlyDictionary<string, int> SuppressedDiagnostics { get; init; } = new Dictionary<string, int>();
    /// <summary>Bytes read from the source stream.</summary>
    public long BytesRead { get; init; }

    /// <summary>True when a document was read and nothing failed (tables may still be truncated).</summary>
    public bool Succeeded => Document is not null && Failure is null;

    /// <summary>The QUERY_STATUS of the document (<see cref="QueryStatus.Absent"/> without a document).</summary>
    public QueryStatus QueryStatus => Document?.QueryStatus() ?? QueryStatus.Absent;

    /// <summary>True when any table was cut (row or byte cap, overflow, document ended early, data error).</summary>
    public bool IsTruncated => Document?.AllTables().Any(t => t.IsTruncated) ?? false;
}
