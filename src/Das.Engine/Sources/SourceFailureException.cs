namespace Das.Engine.Sources;

/// <summary>A source's query failed; the message is one sentence a user understands, without the source's name.</summary>
public sealed class SourceFailureException : Exception
{
    /// <summary>Creates the failure.</summary>
    /// <param name="kind">Where it went wrong.</param>
    /// <param name="message">What went wrong, e.g. "the service answered HTTP 503: Maintenance".</param>
    /// <param name="isTransient">True when asking again later may succeed.</param>
    /// <param name="inner">The original exception.</param>
    public SourceFailureException(SourceFailureKind kind, string message, bool isTransient = false, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        IsTransient = isTransient;
    }

    /// <summary>Where it went wrong.</summary>
    public SourceFailureKind Kind { get; }

    /// <summary>True when asking again later may succeed.</summary>
    public bool IsTransient { get; }
}
