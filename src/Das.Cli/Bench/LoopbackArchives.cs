using System.Net;
using System.Text;

namespace Das.Cli.Bench;

/// <summary>
/// Archives on loopback for <c>das bench fanout</c>: one HTTP listener on every local address, where
/// <c>/src/{n}</c> answers a small VOTable after that source's latency. Each source is reached through its own
/// loopback address (127.0.0.2, 127.0.0.3, ...), so, as with real archives, every source is a different host and
/// the per-host limit does not serialise them.
/// </summary>
internal sealed class LoopbackArchives : IAsyncDisposable
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">" +
        "<INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE><FIELD name=\"id\" datatype=\"long\"/>" +
        "<FIELD name=\"ra\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.ra;meta.main\"/><FIELD name=\"dec\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.dec;meta.main\"/>" +
        "<DATA><TABLEDATA>" + string.Concat(Enumerable.Range(1, 20).Select(i => $"<TR><TD>{i}</TD><TD>334.02</TD><TD>-7.8988</TD></TR>")) +
        "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>");

    private readonly HttpListener _listener = new();
    private readonly IReadOnlyList<TimeSpan> _latencies;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LoopbackArchives(int port, IReadOnlyList<TimeSpan> latencies)
    {
        Port = port;
        _latencies = latencies;
        _listener.Prefixes.Add($"http://*:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>Requests answered so far.</summary>
    public int Served => _served;

    private int _served;

    public static LoopbackArchives Start(IReadOnlyList<TimeSpan> latencies)
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = Random.Shared.Next(20_000, 60_000);
            try
            {
                return new LoopbackArchives(port, latencies);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                // Port taken: try another.
            }
        }
    }

    /// <summary>The URL of source <paramref name="index"/>, on its own loopback address.</summary>
    public Uri UrlOf(int index) => new($"http://127.0.0.{2 + index % 250}:{Port}/src/{index}?");

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var segments = context.Request.Url!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            int index = segments.Length == 2 && int.TryParse(segments[1], System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : -1;
            if (index < 0 || index >= _latencies.Count)
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                return;
            }
            await Task.Delay(_latencies[index], _stop.Token).ConfigureAwait(false);
            context.Response.ContentType = "application/x-votable+xml";
            context.Response.ContentLength64 = Answer.Length;
            await context.Response.OutputStream.WriteAsync(Answer, _stop.Token).ConfigureAwait(false);
            context.Response.Close();
            Interlocked.Increment(ref _served);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            context.Response.Abort();
        }
        catch (HttpListenerException)
        {
            // The client went away; nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
        _listener.Close();
        _stop.Dispose();
    }
}
