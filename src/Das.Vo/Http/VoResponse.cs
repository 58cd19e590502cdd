using System.Net;

namespace Das.Vo.Http;

/// <summary>
/// A successful HTTP answer whose body has not been read yet: the caller streams it into a parser. Disposing it
/// releases the connection.
/// </summary>
public sealed class VoResponse : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _message;
    private readonly GuardedBodyStream _body;
    private readonly CancellationTokenSource _budget;

    internal VoResponse(VoRequest request, HttpResponseMessage message, GuardedBodyStream body, TimeSpan elapsedToHeaders, CancellationTokenSource budget)
    {
        Request = request;
        _message = message;
        _body = body;
        _budget = budget;
        ElapsedToHeaders = elapsedToHeaders;
    }

    /// <summary>Why the body stopped early (connection lost, budget ran out), or null when it arrived whole.</summary>
    public BodyFault? BodyFault => _body.Fault;

    /// <summary>Bytes of the body read so far.</summary>
    public long BytesRead => _body.BytesRead;

    /// <summary>The request this answers (its provenance).</summary>
    public VoRequest Request { get; }

    /// <summary>The HTTP status (2xx).</summary>
    public HttpStatusCode StatusCode => _message.StatusCode;

    /// <summary>The Content-Type media type, or null.</summary>
    public string? ContentType => _message.Content.Headers.ContentType?.MediaType;

    /// <summary>The declared Content-Length, or null.</summary>
    public long? ContentLength => _message.Content.Headers.ContentLength;

    /// <summary>The URL that finally answered (after redirects).</summary>
    public Uri? FinalUri => _message.RequestMessage?.RequestUri;

    /// <summary>
    /// The body, to be read once. A dropped connection or the budget running out ends it early instead of throwing
    /// (see <see cref="BodyFault"/>), so a parser keeps the rows it read.
    /// </summary>
    public Stream Body => _body;

    /// <summary>Time from sending to the response headers.</summary>
    public TimeSpan ElapsedToHeaders { get; }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _body.DisposeAsync();
        _message.Dispose();
        _budget.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _body.Dispose();
        _message.Dispose();
        _budget.Dispose();
    }
}
