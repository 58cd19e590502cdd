namespace Das.Engine.Sources;

/// <summary>Where a source's query went wrong.</summary>
public enum SourceFailureKind
{
    /// <summary>The search cannot be put to this source (nothing was sent).</summary>
    Input,
    /// <summary>No connection, or it broke (DNS, refused, reset, TLS).</summary>
    Transport,
    /// <summary>No complete answer within the budget.</summary>
    Timeout,
    /// <summary>The service answered with an HTTP error status.</summary>
    Http,
    /// <summary>The answer is not what the protocol promises (HTML instead of a VOTable, broken XML, empty).</summary>
    Format,
    /// <summary>The service read the query and reported an error in its own words.</summary>
    Query,
    /// <summary>A fault in Das itself; the message says what, and the log has the details.</summary>
    Internal,
}
