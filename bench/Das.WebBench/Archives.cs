using System.Diagnostics;
using System.Globalization;
using Das.Testing;

namespace Das.WebBench;

/// <summary>What the fake archives report: the fastest one answering a query (its RA), the slowest one getting a request.</summary>
/// <param name="FastestAnswered">RA, stopwatch ticks (the system's monotonic clock), Unix milliseconds.</param>
/// <param name="SlowestArrived">Stopwatch ticks.</param>
internal sealed record ArchiveEvents(Action<string, long, double> FastestAnswered, Action<long> SlowestArrived);

/// <summary>
/// The benchmark's fake cone-search archives on 127.0.0.1, one loopback server each, answering after latencies spread
/// evenly from 50 ms to 1.5 s; in this process, or in a child process (this program with --archives-child).
/// </summary>
internal sealed class Archives : IAsyncDisposable
{
    private readonly List<FakeVoServer> _servers = [];
    private Process? _child;
    private Task? _childReader;

    private Archives()
    {
    }

    /// <summary>Each archive's cone-search URL, fastest first.</summary>
    public IReadOnlyList<Uri> Endpoints { get; private set; } = [];

    /// <summary>Each archive's answer time, fastest first.</summary>
    public static double[] Latencies(int sources) => [.. Enumerable.Range(0, sources)
        .Select(i => sources == 1 ? 50.0 : 50.0 + i * (1450.0 / (sources - 1)))];

    public static async Task<Archives> StartInProcessAsync(int sources, ArchiveEvents events)
    {
        var archives = new Archives();
        var latencies = Latencies(sources);
        for (int i = 0; i < sources; i++)
        {
            var server = await FakeVoServer.StartAsync();
            int index = i;
            server.Route("/scs", request =>
            {
                var ra = RaOf(request.QueryString);
                if (index == sources - 1)
                {
                    events.SlowestArrived(Stopwatch.GetTimestamp());
                }
                var answered = Task.Delay(TimeSpan.FromMilliseconds(latencies[index])).ContinueWith(_ =>
                {
                    if (index == 0)
                    {
                        events.FastestAnswered(ra, Stopwatch.GetTimestamp(), (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds);
                    }
                }, TaskScheduler.Default);
                return FakeResponse.VoTable(Cone(ra, 5)) with { WaitFor = answered };
            });
            archives._servers.Add(server);
        }
        archives.Endpoints = [.. archives._servers.Select(s => s.Url("scs"))];
        return archives;
    }

    /// <summary>Starts this program again with --archives-child and reads the archives' URLs and events from it.</summary>
    public static async Task<Archives> StartChildAsync(int sources, ArchiveEvents events)
    {
        string self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Archives).Assembly.Location);
        }
        foreach (var arg in new[] { "--archives-child", "--sources", sources.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        var archives = new Archives { _child = Process.Start(start) ?? throw new InvalidOperationException("could not start the archives' process") };
        var urls = new List<Uri>();
        var output = archives._child.StandardOutput;
        while (await output.ReadLineAsync() is { } line && line != "ready")
        {
            if (line.StartsWith("url ", StringComparison.Ordinal))
            {
                urls.Add(new Uri(line[4..]));
            }
        }
        if (urls.Count != sources)
        {
            throw new InvalidOperationException($"the archives' process gave {urls.Count} URLs instead of {sources}");
        }
        archives.Endpoints = urls;
        archives._childReader = Task.Run(async () =>
        {
            while (await output.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                if (parts[0] == "answered")
                {
                    events.FastestAnswered(parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture));
                }
                else if (parts[0] == "arrived")
                {
                    events.SlowestArrived(long.Parse(parts[1], CultureInfo.InvariantCulture));
                }
            }
        });
        return archives;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
        if (_child is not null)
        {
            _child.StandardInput.Close(); // the child ends when its stdin closes
            await _child.WaitForExitAsync();
            await _childReader!;
            _child.Dispose();
        }
    }

    /// <summary>The RA of a cone-search query string (SCS sends RA=..&amp;DEC=..&amp;SR=..): each query has its own.</summary>
    public static string RaOf(string queryString)
    {
        foreach (var pair in queryString.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("RA=", StringComparison.OrdinalIgnoreCase))
            {
                return double.Parse(Uri.UnescapeDataString(pair[3..]), CultureInfo.InvariantCulture).ToString("0.000", CultureInfo.InvariantCulture);
            }
        }
        return "";
    }

    /// <summary>A cone-search answer of <paramref name="rows"/> rows at the given RA.</summary>
    public static string Cone(string ra, int rows) =>
        "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>" +
        "<FIELD name=\"id\" datatype=\"long\"/><FIELD name=\"ra\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.ra;meta.main\"/>" +
        "<FIELD name=\"dec\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.dec;meta.main\"/><DATA><TABLEDATA>" +
        string.Concat(Enumerable.Range(1, rows).Select(i => $"<TR><TD>{i}</TD><TD>{ra}</TD><TD>20</TD></TR>")) +
        "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";
}
