using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Das.Web.Hosting;
using Das.WebBench;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static Das.WebBench.Archives;

// The web app's streaming figures (issue 6): Das.Web in process on 127.0.0.1 with N fake archives (one loopback
// server each, latencies spread evenly from 50 ms to 1.5 s, nothing cached), and clients on the hub and on NDJSON.
//  (a) first result: from the fastest archive answering to the first outcome reaching a client, over sequential runs;
//  (b) concurrency: C clients at once (each its own position), total time per client against the slowest archive;
//  (c) the first result drawn: Chromium shows the page, from the fastest archive answering to the first status painted.
// Usage: dotnet run -c Release --project bench/Das.WebBench -- [--sources 25] [--clients 50] [--runs 20] [--rounds 3] [--no-browser] [--profile page.cpuprofile] [--in-process-archives]
var options = Options.Parse(args);
if (args.Contains("--archives-child"))
{
    return await ServeArchivesAsync(options.Sources);
}
using var allocations = args.Contains("--alloc") ? new Das.WebBench.AllocationSampler() : null;
// Stopwatch ticks are the system's monotonic clock, the same in the archives' process: both sides' times compare.
long startTicks = Stopwatch.GetTimestamp();
double Now() => TicksToMs(Stopwatch.GetTimestamp());
double TicksToMs(long ticks) => (ticks - startTicks) * 1000.0 / Stopwatch.Frequency;

var fastestAnswered = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
var fastestAnsweredUnixMs = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
// When the slowest archive received each request (ms on the stopwatch): says whether a late total was late leaving
// Das (requests queued behind the burst) or late coming back.
var slowestArrivals = new ConcurrentQueue<double>();
var archiveEvents = new ArchiveEvents(
    (ra, ticks, unixMs) =>
    {
        fastestAnswered[ra] = TicksToMs(ticks);
        fastestAnsweredUnixMs[ra] = unixMs;
    },
    ticks => slowestArrivals.Enqueue(TicksToMs(ticks)));
// The archives run in a process of their own, as real archives do (on the same two cores): in Das's process their
// accept loops and handlers waited in Das's thread-pool queue behind its own work. --in-process-archives keeps them in.
var archives = options.InProcessArchives
    ? await Archives.StartInProcessAsync(options.Sources, archiveEvents)
    : await Archives.StartChildAsync(options.Sources, archiveEvents);
var latencies = Archives.Latencies(options.Sources);

var catalogue = Path.Combine(Path.GetTempPath(), $"das-webbench-{Environment.ProcessId}.json");
await File.WriteAllTextAsync(catalogue, JsonSerializer.Serialize(new
{
    mode = "replace",
    sources = archives.Endpoints.Select((endpoint, i) => new Dictionary<string, object?>
    {
        ["id"] = $"s{i:00}", ["title"] = $"Archive {i}", ["kind"] = "catalogue", ["protocol"] = "scs",
        ["endpoint"] = endpoint.AbsoluteUri, ["budgetSeconds"] = 30, ["cacheHours"] = 0,
    }),
}));

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = WebProjectDirectory(), EnvironmentName = Environments.Production });
builder.Logging.ClearProviders();
foreach (var json in builder.Configuration.Sources.OfType<JsonConfigurationSource>().ToList())
{
    builder.Configuration.Sources.Remove(json);
}
builder.Configuration["Das:Sources"] = catalogue;
// Every archive is its own host here, as in life; each gets every client's request at once (no per-host queue).
builder.Configuration["Das:Engine:MaxConcurrencyPerHost"] = options.Clients.ToString(CultureInfo.InvariantCulture);
// The sky shows the browser tests' local HiPS (served below), so the page in (c) stays on 127.0.0.1.
builder.Configuration["Das:Sky:Surveys:0:Id"] = "local";
builder.Configuration["Das:Sky:Surveys:0:Name"] = "Local test HiPS";
builder.Configuration["Das:Sky:Surveys:0:Url"] = "hips/";
builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
builder.AddDasWeb();
builder.Services.AddHttpClient("bench", c => c.Timeout = TimeSpan.FromMinutes(2))
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = 1000 });
var app = builder.Build();
app.Environment.WebRootFileProvider = new CompositeFileProvider(app.Environment.WebRootFileProvider,
    new PhysicalFileProvider(Path.Combine(WebProjectDirectory(), "..", "..", "tests", "Das.Browser.Tests", "Fixtures", "web")));
app.UseDasWeb();
await app.StartAsync();
var baseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("bench");

Console.WriteLine(Invariant($"Das.Web streaming benchmark: {options.Sources} loopback archives ({latencies[0]:0}–{latencies[^1]:0} ms, {(options.InProcessArchives ? "in Das's process" : "in a process of their own")}), nothing cached, {Environment.ProcessorCount} cores, load average {LoadAverage()} at start"));

// Warm up both paths (JIT, connection pools) before measuring.
int positions = 0;
string NextQuery() => Invariant($"RA={10 + 0.001 * Interlocked.Increment(ref positions):0.000}&DEC=20&FOV=2&ERR=10&IMG=0");
await using (var warm = await ConnectAsync())
{
    await RunHubAsync(warm, NextQuery());
}
await RunNdjsonAsync(NextQuery());

// (a) The first result.
var firstHub = new List<double>();
var firstNdjson = new List<double>();
await using (var hub = await ConnectAsync())
{
    for (int r = 0; r < options.Runs; r++)
    {
        var q = NextQuery();
        var hubRun = await RunHubAsync(hub, q);
        firstHub.Add(hubRun.First - await FastestAnsweredAsync(q));
        q = NextQuery();
        var ndRun = await RunNdjsonAsync(q);
        firstNdjson.Add(ndRun.First - await FastestAnsweredAsync(q));
    }
}
Console.WriteLine();
Console.WriteLine(Invariant($"(a) fastest archive answered -> first outcome at the client, {options.Runs} sequential runs each (goal <= 100 ms; the page's drawing comes on top):"));
Report("hub", firstHub);
Report("ndjson", firstNdjson);

// (b) Many clients at once, in rounds: the first round meets cold connection pools (every archive sees 50 new
// connections at once), later rounds the steady state of a running server; each round is reported.
for (int round = 1; round <= options.Rounds; round++)
{
    Console.WriteLine();
    Console.WriteLine(Invariant($"(b) round {round}{(round == 1 ? " (cold: Das's first burst of connections to every archive)" : "")}: {options.Clients} clients at once, each its own position; total time from request to the last outcome (slowest archive {latencies[^1]:0} ms; goal p95 <= slowest + 100 ms), load average {LoadAverage()}:"));
    var connections = await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => ConnectAsync()));
    double began = BeginCase();
    var hubTotals = await Task.WhenAll(connections.Select(c => RunHubAsync(c, NextQuery())));
    foreach (var c in connections)
    {
        await c.DisposeAsync();
    }
    Report("hub", [.. hubTotals.Select(t => t.Total)], latencies[^1]);
    ReportArrivals(began);
    began = BeginCase();
    var ndTotals = await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => RunNdjsonAsync(NextQuery())));
    Report("ndjson", [.. ndTotals.Select(t => t.Total)], latencies[^1]);
    ReportArrivals(began);
    began = BeginCase();
    var mixed = await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async i =>
    {
        if (i % 2 == 1)
        {
            return await RunNdjsonAsync(NextQuery());
        }
        await using var c = await ConnectAsync();
        return await RunHubAsync(c, NextQuery());
    }));
    Report("mixed", [.. mixed.Select(t => t.Total)], latencies[^1]);
    ReportArrivals(began);
    if (allocations is not null)
    {
        Console.WriteLine("  allocated in this round, by type (sampled):");
        Console.WriteLine(allocations.TakeTop(15));
    }
}

// (c) The first result drawn in the browser.
Console.WriteLine();
if (!options.Browser)
{
    Console.WriteLine("(c) skipped (--no-browser)");
}
else if (FirstResultDrawn.MissingReason(options.Chromium) is { } missing)
{
    Console.WriteLine("(c) " + missing);
}
else
{
    var drawn = await FirstResultDrawn.MeasureAsync(baseUri, options.Chromium, options.Runs, NextQuery,
        async ra =>
        {
            for (int i = 0; i < 100 && !fastestAnsweredUnixMs.ContainsKey(ra); i++)
            {
                await Task.Delay(10);
            }
            return fastestAnsweredUnixMs[ra];
        }, RaOf, options.Sources, options.Profile);
    Console.WriteLine(Invariant($"(c) fastest archive answered -> first status line changed in the page's DOM, and -> the next frame painted, Chromium headless, {options.Runs} queries submitted from the form (goal <= 100 ms), load average {LoadAverage()}:"));
    Report("in DOM", [.. drawn.Select(d => d.InDom)]);
    Report("painted", [.. drawn.Select(d => d.Painted)]);
}
Console.WriteLine(Invariant($"load average at the end: {LoadAverage()}"));

await app.StopAsync();
await app.DisposeAsync();
await archives.DisposeAsync();
File.Delete(catalogue);
return 0;

// The fastest archive's answer to a query, as its process reported it (the report may trail the answer a little).
async Task<double> FastestAnsweredAsync(string query)
{
    string ra = RaOf(query);
    for (int i = 0; i < 100 && !fastestAnswered.ContainsKey(ra); i++)
    {
        await Task.Delay(10);
    }
    return fastestAnswered[ra];
}

// --archives-child: the archives for a parent benchmark, in this process; their URLs and events on stdout, until
// stdin closes (the parent has finished or died).
static async Task<int> ServeArchivesAsync(int sources)
{
    var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
    var gate = new object();
    void Say(string line)
    {
        lock (gate)
        {
            output.WriteLine(line);
        }
    }
    var events = new ArchiveEvents(
        (ra, ticks, unixMs) => Say(FormattableString.Invariant($"answered {ra} {ticks} {unixMs:R}")),
        ticks => Say(FormattableString.Invariant($"arrived {ticks}")));
    await using var archives = await Archives.StartInProcessAsync(sources, events);
    foreach (var endpoint in archives.Endpoints)
    {
        Say("url " + endpoint.AbsoluteUri);
    }
    Say("ready");
    await Console.In.ReadToEndAsync();
    return 0;
}

// A case begins: the slowest archive's arrivals are counted from now.
double BeginCase()
{
    slowestArrivals.Clear();
    return Now();
}

void ReportArrivals(double began)
{
    var late = slowestArrivals.Select(t => t - began).Order().ToArray();
    if (late.Length > 0)
    {
        Console.WriteLine(Invariant($"          the slowest archive got its {late.Length} requests {late[0]:0}–{late[^1]:0} ms after the clients began (median {late[late.Length / 2]:0})"));
    }
}

async Task<HubConnection> ConnectAsync()
{
    var connection = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "hubs/query")).Build();
    await connection.StartAsync();
    return connection;
}

async Task<(double First, double Total)> RunHubAsync(HubConnection connection, string query)
{
    double start = Now(), first = double.NaN;
    int lines = 0;
    await foreach (var line in connection.StreamAsync<JsonElement>("StreamQuery", query))
    {
        if (++lines == 2)
        {
            first = Now();
        }
        if (lines == 1 && !(line.TryGetProperty("type", out var type) && type.GetString() == "start"))
        {
            throw new InvalidOperationException("the hub refused the query: " + line.GetRawText());
        }
    }
    Check(lines, query);
    return (first, Now() - start);
}

async Task<(double First, double Total)> RunNdjsonAsync(string query)
{
    double start = Now(), first = double.NaN;
    using var response = await http.GetAsync(new Uri(baseUri, "api/query/stream?" + query), HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
    int lines = 0;
    while (await reader.ReadLineAsync() is { } line)
    {
        if (line.Length > 0 && ++lines == 2)
        {
            first = Now();
        }
    }
    Check(lines, query);
    return (first, Now() - start);
}

void Check(int lines, string query)
{
    if (lines != options.Sources + 1)
    {
        throw new InvalidOperationException(Invariant($"{query}: {lines - 1} outcomes instead of {options.Sources}"));
    }
}

static void Report(string name, IReadOnlyList<double> values, double? slowest = null)
{
    var sorted = values.Order().ToArray();
    double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    var tail = slowest is double s ? Invariant($"  p95 - slowest = {P(0.95) - s:+0;-0} ms  ({RuntimeSince()})") : "";
    Console.WriteLine(Invariant($"  {name,-7} n={sorted.Length,3}  min {sorted[0],7:0.0}  median {P(0.5),7:0.0}  p95 {P(0.95),7:0.0}  max {sorted[^1],7:0.0} ms{tail}"));
}

// What the runtime did since the last report: GC pause time and collections, and the thread pool's size (a stall
// shared by every client shows up here, not in one client's numbers).
static string RuntimeSince()
{
    var pause = GC.GetTotalPauseDuration();
    int[] counts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    var text = Invariant($"GC paused {(pause - RuntimeMarks.Pause).TotalMilliseconds:0} ms in {counts[0] - RuntimeMarks.Counts[0]}/{counts[1] - RuntimeMarks.Counts[1]}/{counts[2] - RuntimeMarks.Counts[2]} gen0/1/2 collections, {ThreadPool.ThreadCount} pool threads");
    var last = GC.GetGCMemoryInfo(GCKind.Any);
    text += Invariant($"; last GC gen{last.Generation} paused {last.PauseDurations[0].TotalMilliseconds:0} ms, promoted {last.PromotedBytes / 1e6:0.0} MB, heap {last.HeapSizeBytes / 1e6:0} MB, {last.PinnedObjectsCount} pinned");
    RuntimeMarks.Pause = pause;
    RuntimeMarks.Counts = counts;
    return text;
}

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
}

static string WebProjectDirectory()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Das.slnx")))
        {
            return Path.Combine(dir.FullName, "src", "Das.Web");
        }
    }
    throw new InvalidOperationException($"no Das.slnx above {AppContext.BaseDirectory}");
}

static string Invariant(FormattableString text) => FormattableString.Invariant(text);

internal sealed record Options(int Sources, int Clients, int Runs, int Rounds, bool Browser, string Chromium, string? Profile, bool InProcessArchives)
{
    public static Options Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        return new Options(Get("--sources", 25), Get("--clients", 50), Get("--runs", 20), Get("--rounds", 3),
            !args.Contains("--no-browser"), Environment.GetEnvironmentVariable("DAS_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium",
            Array.IndexOf(args, "--profile") is int p and >= 0 && p + 1 < args.Length ? args[p + 1] : null,
            args.Contains("--in-process-archives"));
    }
}

/// <summary>The runtime's counters at the last report.</summary>
internal static class RuntimeMarks
{
    public static TimeSpan Pause { get; set; }
    public static int[] Counts { get; set; } = [0, 0, 0];
}
