using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Tables.VoTable.Diagnostics;

namespace Das.Tables.Csv;

/// <summary>What <see cref="CsvReader"/> read: a table (possibly truncated) or why there is none, plus diagnostics.</summary>
public sealed record CsvReadResult
{
    /// <summary>The table; null only when nothing could be read (see <see cref="Failure"/>).</summary>
    public Table? Table { get; init; }
    /// <summary>Why reading failed (empty body, HTML page, I/O error), or null.</summary>
    public ReadFailure? Failure { get; init; }
    /// <summary>Diagnostics in input order, capped per code.</summary>
    public IReadOnlyList<VoTableDiagnostic> Diagnostics { get; init; } = [];
    /// <summary>Diagnostics not kept because their code reached the cap, per code.</summary>
    public IReadOnlyDictionary<string, int> SuppressedDiagnostics { get; init; } = new Dictionary<string, int>();
    /// <summary>Bytes read from the source.</summary>
    public long BytesRead { get; init; }
    /// <summary>True when a table was read and nothing failed.</summary>
    public bool Succeeded => Table is not null && Failure is null;
}
