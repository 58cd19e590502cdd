using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Das.Testing;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 with a free port, answering each path as a test scripts it. Clients
/// under test go through their real HttpClient, resilience and timeouts, which a mocked handler would skip.
/// </summary>
public sealed class FakeVoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, FakeResponse>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<RecordedRequest> _aborted = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _signalLock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _peakInFlight;

    private FakeVoServer(WebApplication app) => _app = app;

    /// <summary>The server's base address, e.g. http://127.0.0.1:43017/.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a server on 127.0.0.1 with a port the OS picks.</summary>
    public static async Task<FakeVoServer> StartAsync(CancellationToken cancellationToken = default)
    {
        FakeVoServer? server = null;
        var (app, baseUri) = await LoopbackApp.StartAsync(context => server!.HandleAsync(context), cancellationToken);
        server = new FakeVoServer(app) { BaseUri = baseUri };
        return server;
    }

    /// <summary>The absolute URL of a path (and query) on this server.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery.TrimStart('/'));

    /// <summary>Answers every request to <paramref name="path"/> (any method, any query) with <paramref name="response"/>.</summary>
    public void Route(string path, FakeResponse response) => _routes[Normalise(path)] = _ => response;

    /// <summary>Answers requests to <paramref name="path"/> by calling <paramref name="responder"/>.</summary>
    public void Route(string path, Func<RecordedRequest, FakeResponse> responder) => _routes[Normalise(path)] = responder;

    /// <summary>Answers requests to <paramref name="path"/> with each response in turn, the last one repeating.</summary>
    public void RouteSequence(string path, params FakeResponse[] responses)
    {
        int next = -1;
        Route(path, _ => responses[Math.Min(Interlocked.Increment(ref next), responses.Length - 1)]);
    }

    /// <summary>Requests being answered right now (received, response not yet finished or aborted).</summary>
    public int RequestsInFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests that were being answered at the same time since the start or <see cref="ResetPeak"/>.</summary>
    public int PeakRequestsInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Starts counting <see cref="PeakRequestsInFlight"/> afresh.</summary>
    public void ResetPeak() => Interlocked.Exchange(ref _peakInFlight, Volatile.Read(ref _inFlight));

    /// <summary>Requests whose client went away (closed or reset the connection) before the response was complete.</summary>
    public IReadOnlyList<RecordedRequest> AbortedRequests => [.. _aborted];

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for this server, checking it again each time a request arrives,
    /// ends or is aborted; throws when <paramref name="cancellationToken"/> fires first.
    /// </summary>
    public async Task WaitUntilAsync(Func<FakeVoServer, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            Task changed;
            lock (_signalLock)
            {
                changed = _changed.Task;
            }
            if (condition(this))
            {
                return;
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    private void Signal()
    {
        TaskCompletionSource done;
        lock (_signalLock)
        {
            done = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    /// <summary>The requests received for one path.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string path) =>
        [.. _requests.Where(r => string.Equals(r.Path, Normalise(path), StringComparison.Ordinal))];

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        int now = Interlocked.Increment(ref _inFlight);
        for (int peak = Volatile.Read(ref _peakInFlight); now > peak; peak = Volatile.Read(ref _peakInFlight))
        {
            if (Interlocked.CompareExchange(ref _peakInFlight, now, peak) == peak)
            {
                break;
            }
        }
        _requests.Enqueue(request);
        Signal();
        try
        {
            if (!_routes.TryGetValue(request.Path, out var responder))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync($"no fake route for {request.Path}", context.RequestAborted);
                return;
            }
            var response = responder(request);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            var ct = linked.Token;
            try
            {
                await SendAsync(context, response, ct);
            }
            catch (OperationCanceledException)
            {
                // The client gave up or the server is stopping: nothing left to send.
            }
            catch (IOException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away in the middle of a write.
            }
            if (context.RequestAborted.IsCancellationRequested && !_stopping.IsCancellationRequested && !response.AbortsByDesign)
            {
                _aborted.Enqueue(request);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Signal();
        }
    }

    private static async Task SendAsync(HttpContext context, FakeResponse response, CancellationToken ct)
    {
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, ct);
        }
        if (response.WaitFor is { } gate)
        {
            await gate.WaitAsync(ct);
        }
        if (response.Hang)
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        if (response.ResetBeforeHeaders)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }
        var prefix = response.BodyPrefix;
        long total = prefix.Length + (response.RepeatBodyToBytes ?? response.Body.Length);
        context.Response.ContentLength = total;
        long sent = 0;
        long stopAt = response.ResetAfterBytes ?? long.MaxValue;
        int chunk = response.DripChunkBytes ?? 64 * 1024;
        while (sent < total)
        {
            if (sent >= stopAt)
            {
                await context.Response.Body.FlushAsync(ct);
                // An RST makes the client's kernel drop data it has not read yet; give the client a moment to read
                // what was sent, so the test sees "body cut short" rather than "no answer".
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
                context.Abort();
                return;
            }
            var source = sent < prefix.Length ? prefix : response.Body;
            int offset = sent < prefix.Length ? (int)sent : (int)((sent - prefix.Length) % Math.Max(1, response.Body.Length));
            int n = (int)Math.Min(Math.Min(chunk, total - sent), Math.Min(source.Length - offset, stopAt - sent));
            await context.Response.Body.WriteAsync(source.Slice(offset, n), ct);
            sent += n;
            if (response.DripChunkBytes is not null)
            {
                await context.Response.Body.FlushAsync(ct);
                await Task.Delay(response.DripInterval, ct);
            }
        }
    }

    private static async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(
            context.Request.Method,
            Normalise(context.Request.Path.Value ?? "/"),
            context.Request.QueryString.Value ?? "",
            headers,
            body.ToArray(),
            context.Request.ContentType);
    }

    private static string Normalise(string path) => "/" + path.Trim('/');

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
