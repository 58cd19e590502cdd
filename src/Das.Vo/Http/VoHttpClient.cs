using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Das.Vo.Errors;
using Polly;
using Polly.Hedging;
using Polly.Retry;

namespace Das.Vo.Http;

/// <summary>
/// Sends a <see cref="VoRequest"/> within one time budget and turns every failure into a <see cref="VoException"/>
/// that names the service and says what happened. Idempotent requests are retried on transient failures and hedged
/// to mirrors, always inside the budget, so "total time ≈ the slowest service" holds.
/// </summary>
public sealed class VoHttpClient
{
    /// <summary>The IHttpClientFactory name of the client every VO call uses.</summary>
    public const string HttpClientName = "Das.Vo";

    /// <summary>The request a pipeline run is for, so one pipeline serves every request with the same options.</summary>
    private static readonly ResiliencePropertyKey<VoRequest> RequestKey = new("das.vo.request");

    private readonly IHttpClientFactory _factory;
    private readonly TimeProvider _time;

    // Pipelines are built once per distinct set of options: building one validates its options under a process-wide
    // lock, and with thousands of requests at once (50 clients x 25 sources) that lock was the server's hot spot.
    private readonly ConcurrentDictionary<PipelineKey, ResiliencePipeline<HttpResponseMessage>> _pipelines = new();

    /// <summary>Creates the client.</summary>
    public VoHttpClient(IHttpClientFactory factory, TimeProvider time)
    {
        _factory = factory;
        _time = time;
    }

    /// <summary>
    /// Sends the request and returns the response once its headers arrived with a success status; the body is then
    /// read by the caller, still within the budget.
    /// </summary>
    /// <exception cref="VoTransportException">No answer: refused, reset, unknown host.</exception>
    /// <exception cref="VoTimeoutException">The budget ran out before the headers.</exception>
    /// <exception cref="VoHttpException">An HTTP error status, with the service's own words when readable.</exception>
    public async Task<VoResponse> SendAsync(VoRequest request, VoCallOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var budget = new CancellationTokenSource(options.Budget, _time);
        long start = _time.GetTimestamp();
        HttpResponseMessage? message = null;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
            var pipeline = PipelineFor(request, options);
            var context = ResilienceContextPool.Shared.Get(linked.Token);
            try
            {
                context.Properties.Set(RequestKey, request);
                message = await pipeline.ExecuteAsync(
                    static async (context, state) => await state.Self.SendOnceAsync(state.Request, null, context.CancellationToken),
                    context,
                    (Self: this, Request: request));
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
            if (!message.IsSuccessStatusCode)
            {
                throw await ToHttpExceptionAsync(request, message, linked.Token);
            }
            var body = await message.Content.ReadAsStreamAsync(linked.Token);
            var response = new VoResponse(request, message, new GuardedBodyStream(body, budget.Token, cancellationToken), _time.GetElapsedTime(start), budget);
            message = null;
            budget = null!;
            return response;
        }
        catch (OperationCanceledException ex) when (budget is not null && budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new VoTimeoutException(request.Url, options.Budget, ex);
        }
        catch (HttpRequestException ex)
        {
            throw ToTransportException(request.Url, ex);
        }
        finally
        {
            message?.Dispose();
            budget?.Dispose();
        }
    }

    private ResiliencePipeline<HttpResponseMessage> PipelineFor(VoRequest request, VoCallOptions options)
    {
        // Most sources have no mirrors: their key then costs no string.
        var mirrors = options.Mirrors.Count == 0 ? "" : string.Join('\n', options.Mirrors.Select(m => m.AbsoluteUri));
        var key = new PipelineKey(request.IsIdempotent, options.MaxRetries, options.RetryBaseDelay, options.HedgeDelay, mirrors);
        return _pipelines.GetOrAdd(key, static (_, state) => state.Self.BuildPipeline(state.Idempotent, state.Options), (Self: this, Idempotent: request.IsIdempotent, Options: options));
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(bool idempotent, VoCallOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (!idempotent)
        {
            return builder.Build();
        }
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                // A service that says when to come back is believed, as long as the budget allows it.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter is { } retryAfter ? RetryAfter(retryAfter) : null),
            });
        }
        if (options.Mirrors.Count > 0)
        {
            var mirrors = options.Mirrors.ToArray();
            builder.AddHedging(new HedgingStrategyOptions<HttpResponseMessage>
            {
                MaxHedgedAttempts = mirrors.Length,
                Delay = options.HedgeDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                ActionGenerator = args =>
                {
                    var mirror = mirrors[args.AttemptNumber - 1];
                    var request = args.ActionContext.Properties.GetValue(RequestKey, null!);
                    return async () => Outcome.FromResult(await SendOnceAsync(request, mirror, args.ActionContext.CancellationToken));
                },
            });
        }
        return builder.Build();
    }

    private readonly record struct PipelineKey(bool Idempotent, int MaxRetries, TimeSpan RetryBaseDelay, TimeSpan HedgeDelay, string Mirrors);

    private async Task<HttpResponseMessage> SendOnceAsync(VoRequest request, Uri? mirror, CancellationToken cancellationToken)
    {
        var http = _factory.CreateClient(HttpClientName);
        bool post = request.Method == HttpMethod.Post;
        // For a POST the parameters travel in the body, so the URL is the bare endpoint.
        var url = post ? request.Endpoint : request.Url;
        using var message = new HttpRequestMessage(request.Method, mirror is null ? url : OnMirror(request, url, mirror));
        if (post)
        {
            message.Content = Body(request);
        }
        return await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static HttpContent Body(VoRequest request)
    {
        if (request.Uploads.Count == 0)
        {
            return new FormUrlEncodedContent(request.Parameters);
        }
        var multipart = new MultipartFormDataContent();
        foreach (var (key, value) in request.Parameters)
        {
            multipart.Add(new StringContent(value), key);
        }
        foreach (var upload in request.Uploads)
        {
            var part = new ReadOnlyMemoryContent(upload.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/x-votable+xml");
            multipart.Add(part, upload.Name, upload.Name + ".vot");
        }
        return multipart;
    }

    /// <summary>
    /// The URL on a mirror: a mirror given with a path stands for the request's <see cref="VoRequest.ServiceRoot"/>
    /// (the rest of the URL follows it); a bare host swaps only the scheme, host and port.
    /// </summary>
    internal static Uri OnMirror(VoRequest request, Uri url, Uri mirror)
    {
        var root = request.ServiceRoot?.AbsoluteUri;
        if (root is not null && mirror.AbsolutePath != "/" && url.AbsoluteUri.StartsWith(root, StringComparison.Ordinal))
        {
            return new Uri(mirror.AbsoluteUri + url.AbsoluteUri[root.Length..]);
        }
        return new UriBuilder(url) { Scheme = mirror.Scheme, Host = mirror.Host, Port = mirror.Port }.Uri;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result.StatusCode: HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };

    private TimeSpan? RetryAfter(RetryConditionHeaderValue value)
    {
        if (value.Delta is TimeSpan delta)
        {
            return delta;
        }
        if (value.Date is DateTimeOffset date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private async Task<VoHttpException> ToHttpExceptionAsync(VoRequest request, HttpResponseMessage message, CancellationToken cancellationToken)
    {
        string? serviceMessage = null;
        try
        {
            await using var stream = await message.Content.ReadAsStreamAsync(cancellationToken);
            serviceMessage = await ServiceMessage.ReadAsync(stream, message.Content.Headers.ContentType?.MediaType, cancellationToken);
        }
        catch (IOException)
        {
            // The error page itself was cut short: the status is still the news.
        }
        return new VoHttpException(request.Url, message.StatusCode, serviceMessage,
            message.Headers.RetryAfter is { } retry ? RetryAfter(retry) : null);
    }

    private static VoTransportException ToTransportException(Uri url, HttpRequestException ex)
    {
        string hostPort = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port.ToString(CultureInfo.InvariantCulture)}";
        var socket = FindInner<SocketException>(ex);
        string reason = ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"the host name {url.Host} could not be resolved",
            HttpRequestError.ConnectionError when socket?.SocketErrorCode == SocketError.ConnectionRefused => $"the connection to {hostPort} was refused",
            HttpRequestError.ConnectionError => $"could not connect to {hostPort}: {socket?.Message ?? ex.Message}",
            HttpRequestError.SecureConnectionError => $"the TLS handshake with {url.Host} failed",
            HttpRequestError.ResponseEnded => $"{hostPort} closed the connection before answering",
            HttpRequestError.InvalidResponse => $"{hostPort} sent something that is not HTTP",
            _ when socket?.SocketErrorCode == SocketError.ConnectionReset => $"{hostPort} reset the connection before answering",
            _ => $"the request to {hostPort} failed: {ex.Message}",
        };
        return new VoTransportException(url, reason, ex);
    }

    private static T? FindInner<T>(Exception ex)
        where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }
        return null;
    }
}
