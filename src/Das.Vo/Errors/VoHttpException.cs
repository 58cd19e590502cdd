using System.Net;

namespace Das.Vo.Errors;

/// <summary>The service answered with an HTTP error status.</summary>
public sealed class VoHttpException : VoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="serviceUri">The URL requested.</param>
    /// <param name="statusCode">The status the service sent.</param>
    /// <param name="serviceMessage">The service's own words (an error VOTable's text, an HTML page's title), if any.</param>
    /// <param name="retryAfter">The Retry-After delay the service asked for, if any.</param>
    public VoHttpException(Uri serviceUri, HttpStatusCode statusCode, string? serviceMessage, TimeSpan? retryAfter = null)
        : base(serviceUri, Describe(statusCode, serviceMessage))
    {
        StatusCode = statusCode;
        ServiceMessage = serviceMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>What the service said, if anything readable.</summary>
    public string? ServiceMessage { get; }

    /// <summary>How long the service asked us to wait (429, 503).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>408, 429, 502, 503 and 504 may pass; other statuses will not change on a retry.</summary>
    public override bool IsTransient => StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <inheritdoc/>
    public override VoFailureKind Kind => VoFailureKind.Http;

    private static string Describe(HttpStatusCode status, string? message)
    {
        var text = $"the service answered HTTP {(int)status}";
        return string.IsNullOrWhiteSpace(message) ? text : $"{text}: {message}";
    }
}
