using Das.Tables.Model;
using Das.Tables.VoTable.Diagnostics;
using Das.Vo.Http;

namespace Das.Vo.Answers;

/// <summary>
/// A service's answer read as a table: the document, its results table, whether rows are missing and why, the
/// reader's diagnostics, and the request that produced it (provenance).
/// </summary>
public sealed record VoTableAnswer
{
    /// <summary>What was sent.</summary>
    public required VoRequest Request { get; init; }
    /// <summary>The whole document.</summary>
    public required VoTableDocument Document { get; init; }
    /// <summary>The results table (the first table of the results resource); empty tables count as answers.</summary>
    public required Table Table { get; init; }
    /// <summary>What the reader noticed about the document (spec deviations, bad cells).</summary>
    public IReadOnlyList<VoTableDiagnostic> Diagnostics { get; init; } = [];
    /// <summary>Bytes of the answer read.</summary>
    public long BytesRead { get; init; }

    /// <summary>True when rows are missing (service overflow, a cap, a dropped connection).</summary>
    public bool IsTruncated => Table.IsTruncated;
}
