namespace Das.Tables.VoTable;

/// <summary>Why a body could not be read (completely) as a table: a value on the result, never an exception.</summary>
public sealed record ReadFailure
{
    /// <summary>The kind of failure.</summary>
    public required ReadFailureKind Kind { get; init; }
    /// <summary>A sentence for the user.</summary>
    public required string Message { get; init; }
    /// <summary>1-based line where it was noticed (0 when unknown).</summary>
    public int Line { get; init; }
    /// <summary>1-based column where it was noticed (0 when unknown).</summary>
    public int Column { get; init; }
    /// <summary>Byte offset where it was noticed (-1 when unknown).</summary>
    public long ByteOffset { get; init; } = -1;
    /// <summary>For <see cref="ReadFailureKind.HtmlPage"/>: the page's &lt;title&gt; text, entities decoded, whitespace collapsed, at most 200 characters.</summary>
    public string? HtmlTitle { get; init; }
    /// <summary>The first bytes of the body as printable text (control characters escaped), to show what came back.</summary>
    public string? BodyStart { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Message;
}
