namespace Das.Vo.Errors;

/// <summary>The step at which talking to a service failed.</summary>
public enum VoFailureKind
{
    /// <summary>No HTTP answer: refused, reset, name not found, TLS.</summary>
    Transport,
    /// <summary>The time budget ran out.</summary>
    Timeout,
    /// <summary>An HTTP error status.</summary>
    Http,
    /// <summary>An answer that is not what the protocol promises (HTML, empty, truncated, malformed).</summary>
    Format,
    /// <summary>The service said the query failed (QUERY_STATUS=ERROR, a UWS ERROR phase).</summary>
    Query,
}
