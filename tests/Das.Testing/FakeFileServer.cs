using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Das.Testing;

/// <summary>
/// A real HTTP file server (Kestrel) on 127.0.0.1 serving <see cref="SyntheticFile"/>s generated on the fly: HTTP
/// Range (bytes=N- and N-M) with ETag/Last-Modified and If-Range, per-response and whole-server throttling, and
/// mid-stream disconnects, so a downloader's resume, checks and memory use run against real sockets.
/// </summary>
public sealed class FakeFileServer : IAsyncDisposable
{
    private static readonly DateTimeOffset LastModified = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (SyntheticFile File, FileServing Serving)> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _drops = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ServedRequest> _requests = new();
    private readonly Lock _bucket = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _nextFreeSeconds;
    private long _bytesSent;

    private FakeFileServer(WebApplication app) => _app = app;

    /// <summary>The server's base address.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Limits the whole server (all responses together) to this many bytes per second; null for none.</summary>
    public long? TotalBytesPerSecond { get; set; }

    /// <summary>Body bytes sent so far, all responses.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Every request answered so far.</summary>
    public IReadOnlyList<ServedRequest> Requests => [.. _requests];

    /// <summary>Starts a server on 127.0.0.1 with a port the OS picks.</summary>
    public static async Task<FakeFileServer> StartAsync(CancellationToken cancellationToken = default)
    {
        FakeFileServer? server = null;
        var (app, baseUri) = await LoopbackApp.StartAsync(context => server!.HandleAsync(context), cancellationToken);
        server = new FakeFileServer(app) { BaseUri = baseUri };
        return server;
    }

    /// <summary>Serves <paramref name="file"/> at <paramref name="path"/>.</summary>
    public Uri Serve(string path, SyntheticFile file, FileServing? serving = null)
    {
        var key = "/" + path.TrimStart('/');
        _files[key] = (file, serving ?? new FileServing());
        return Url(path);
    }

    /// <summary>The absolute URL of a path.</summary>
    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    /// <summary>The requests for one path.</summary>
    public IReadOnlyList<ServedRequest> RequestsTo(string path) => [.. _requests.Where(r => r.Path == "/" + path.TrimStart('/'))];

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var range = context.Request.Headers.Range.ToString();
        var ifRange = context.Request.Headers.IfRange.ToString();
        if (!_files.TryGetValue(path, out var entry))
        {
            context.Response.StatusCode = 404;
            _requests.Enqueue(new ServedRequest(path, range, ifRange, 404, 0, false));
            return;
        }
        var (file, serving) = entry;
        if (serving.Status is { } status)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("status " + status.ToString(CultureInfo.InvariantCulture), context.RequestAborted);
            _requests.Enqueue(new ServedRequest(path, range, ifRange, status, 0, false));
            return;
        }
        var etag = "\"" + file.Seed.ToString(CultureInfo.InvariantCulture) + "-" + file.Length.ToString(CultureInfo.InvariantCulture) + "\"";
        long start = 0, end = file.Length - 1;
        var partial = false;
        if (!serving.IgnoreRange && TryParseRange(range, file.Length, out var s, out var e)
            && (ifRange.Length == 0 || ifRange == etag || ifRange == LastModified.ToString("R", CultureInfo.InvariantCulture)))
        {
            if (s >= file.Length)
            {
                context.Response.StatusCode = 416;
                context.Response.Headers.ContentRange = "bytes */" + file.Length.ToString(CultureInfo.InvariantCulture);
                _requests.Enqueue(new ServedRequest(path, range, ifRange, 416, 0, false));
                return;
            }
            (start, end, partial) = (s, e, true);
        }
        var response = context.Response;
        response.StatusCode = partial ? 206 : 200;
        response.ContentType = serving.ContentType;
        response.Headers.AcceptRanges = serving.IgnoreRange ? "none" : "bytes";
        if (!serving.NoValidators)
        {
            response.Headers.ETag = etag;
            response.Headers.LastModified = LastModified.ToString("R", CultureInfo.InvariantCulture);
        }
        if (partial)
        {
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{end}/{file.Length}");
        }
        var count = end - start + 1;
        if (!serving.NoContentLength)
        {
            response.ContentLength = partial ? count : serving.DeclaredLength ?? count;
        }
        if (!partial && serving.DeclaredLength is { } declared)
        {
            count = Math.Min(count, declared);
        }
        long? dropAt = null;
        if (serving.DropEveryBytes is { } every && (serving.MaxDrops is not { } max || _drops.GetValueOrDefault(path) < max))
        {
            dropAt = every;
        }
        var sent = await SendAsync(context, file, start, count, serving, dropAt);
        var dropped = dropAt is { } d && sent >= d && sent < count;
        if (dropped)
        {
            _drops.AddOrUpdate(path, 1, (_, n) => n + 1);
        }
        _requests.Enqueue(new ServedRequest(path, range, ifRange, response.StatusCode, sent, dropped));
        if (dropped)
        {
            context.Abort();
        }
    }

    private async Task<long> SendAsync(HttpContext context, SyntheticFile file, long start, long count, FileServing serving, long? dropAt)
    {
        const int Chunk = 64 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(Chunk);
        var began = _clock.Elapsed.TotalSeconds;
        long sent = 0;
        try
        {
            while (sent < count)
            {
                var n = (int)Math.Min(Chunk, count - sent);
                if (dropAt is { } d)
                {
                    if (sent >= d)
                    {
                        break;
                    }
                    n = (int)Math.Min(n, d - sent);
                }
                file.Fill(start + sent, buffer.AsSpan(0, n));
                await ThrottleAsync(n, serving.BytesPerSecond, began, sent, context.RequestAborted);
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted);
                sent += n;
                Interlocked.Add(ref _bytesSent, n);
            }
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // the client went away
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return sent;
    }

    private async Task ThrottleAsync(int bytes, long? perResponse, double began, long sentBefore, CancellationToken cancellationToken)
    {
        var now = _clock.Elapsed.TotalSeconds;
        var wait = 0.0;
        if (perResponse is { } rate)
        {
            wait = Math.Max(wait, began + (double)(sentBefore + bytes) / rate - now);
        }
        if (TotalBytesPerSecond is { } total)
        {
            lock (_bucket)
            {
                // Every chunk books the next free slot of the shared link; the wait ends when the slot has passed.
                _nextFreeSeconds = Math.Max(_nextFreeSeconds, now) + (double)bytes / total;
                wait = Math.Max(wait, _nextFreeSeconds - now);
            }
        }
        if (wait > 0.001)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
        }
    }

    private static bool TryParseRange(string header, long length, out long start, out long end)
    {
        start = 0;
        end = length - 1;
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }
        var spec = header["bytes=".Length..];
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            return false;
        }
        if (dash < spec.Length - 1)
        {
            if (!long.TryParse(spec[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return false;
            }
            end = Math.Min(end, length - 1);
        }
        return true;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
