using Das.Tables.Model;

namespace Das.Engine.Sources;

/// <summary>What a source returned: its table, with anything noteworthy about how it was read.</summary>
public sealed record SourceAnswer
{
    /// <summary>The rows; <see cref="Table.Truncation"/> says when they are not all there.</summary>
    public required Table Table { get; init; }

    /// <summary>Remarks about the answer (parser diagnostics, service warnings), one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Bytes received.</summary>
    public long BytesRead { get; init; }
}
