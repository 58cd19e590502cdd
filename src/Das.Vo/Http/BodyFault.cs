namespace Das.Vo.Http;

/// <summary>Why a response body ended before the service finished sending it. The rows read before it are kept.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">A sentence for the user, e.g. "the connection dropped after 1.2 MB".</param>
/// <param name="BytesRead">Bytes received before the fault.</param>
public sealed record BodyFault(BodyFaultKind Kind, string Message, long BytesRead);

/// <summary>What cut a response body short.</summary>
public enum BodyFaultKind
{
    /// <summary>The connection dropped or the server aborted.</summary>
    ConnectionLost,
    /// <summary>The time budget ran out while reading.</summary>
    Timeout,
}
