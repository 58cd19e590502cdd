using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Das.Cli.Bench;

/// <summary>
/// A loopback file server for <c>das bench downloads</c>: /file/{n} is a file of the given size whose bytes are
/// computed (never stored), with Range and ETag; all responses share one bandwidth (each chunk books the next free
/// slot of the link), as downloads through one network link do.
/// </summary>
internal sealed class ThrottledFileServer : IAsyncDisposable
{
    private const int Chunk = 256 * 1024;
    private readonly HttpListener _listener = new();
    private readonly long _size;
    private readonly double _bytesPerSecond;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _link = new();
    private readonly byte[] _pattern = [.. Enumerable.Range(0, Chunk + 251).Select(i => (byte)(i * 31 % 251))];
    private readonly Task _loop;
    private double _nextFree;

    public ThrottledFileServer(int port, long size, double bytesPerSecond)
    {
        Port = port;
        _size = size;
        _bytesPerSecond = bytesPerSecond;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public static ThrottledFileServer Start(long size, double bytesPerSecond)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            try
            {
                return new ThrottledFileServer(port, size, bytesPerSecond);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                // port taken; try another
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            long start = 0;
            var range = context.Request.Headers["Range"];
            if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-')
                && long.TryParse(range["bytes=".Length..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < _size)
            {
                start = s;
                response.StatusCode = 206;
                response.AddHeader("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{_size - 1}/{_size}"));
            }
            response.ContentType = "application/octet-stream";
            response.AddHeader("ETag", "\"bench\"");
            response.ContentLength64 = _size - start;
            for (var at = start; at < _size;)
            {
                var n = (int)Math.Min(Chunk, _size - at);
                // Byte i of the file is (i * 31) mod 251: a slice of the precomputed pattern, no work per byte.
                var slice = _pattern.AsMemory((int)(at % 251), n);
                double wait;
                lock (_link)
                {
                    var now = _clock.Elapsed.TotalSeconds;
                    _nextFree = Math.Max(_nextFree, now) + n / _bytesPerSecond;
                    wait = _nextFree - now;
                }
                if (wait > 0.001)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait));
                }
                await response.OutputStream.WriteAsync(slice);
                at += n;
            }
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            response.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
