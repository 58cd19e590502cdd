using System.Globalization;
using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Engine.Sources;
using Das.Sky.Positions;
using Das.Sources;
using Das.Sources.Catalog;
using Das.Sources.Protocols;
using Das.Vo.Answers;
using Das.Vo.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Cli.Bench;

/// <summary>
/// <c>das bench fanout</c>: N sources on loopback with latencies spread from the fastest to the slowest; measures
/// the first outcome against the fastest source, the last against the slowest, a fully cached query, and the same
/// sources asked one after another as pyvo/astroquery scripts do.
/// </summary>
internal static class FanoutBench
{
    public sealed record Settings(int Sources, double FastestMs, double SlowestMs, int Runs, int CachedRuns, bool Sequential);

    public static async Task<int> RunAsync(TextWriter output, Settings settings, CancellationToken ct)
    {
        var latencies = Latencies(settings);
        await using var archives = LoopbackArchives.Start(latencies);
        await using var services = new ServiceCollection().AddDasSources().BuildServiceProvider();
        var loader = services.GetRequiredService<SourceCatalogLoader>();
        var engine = services.GetRequiredService<QueryEngine>();
        var cold = loader.Build(Definitions(archives, settings.Sources, cacheHours: 0, "cold"), "bench");
        var cached = loader.Build(Definitions(archives, settings.Sources, cacheHours: 1, "cached"), "bench");
        var query = new SkyQuery { Position = new SkyPosition(334.02, -7.8988) };
        double fastest = latencies.Min(l => l.TotalMilliseconds), slowest = latencies.Max(l => l.TotalMilliseconds);

        await RunOnceAsync(engine, query, cold.Sources, ct); // warm-up: JIT, connections
        var firsts = new List<double>();
        var totals = new List<double>();
        for (int run = 0; run < settings.Runs; run++)
        {
            var (first, total, ok) = await RunOnceAsync(engine, query, cold.Sources, ct);
            if (ok != settings.Sources)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"run {run}: only {ok} of {settings.Sources} sources answered"));
                return DasCli.UsageOrInputError;
            }
            firsts.Add(first);
            totals.Add(total);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"fan-out run {run + 1}: first {first:0.0} ms (fastest source {fastest:0} ms), all {total:0.0} ms (slowest source {slowest:0} ms)"));
        }

        await RunOnceAsync(engine, query, cached.Sources, ct); // fill the cache
        var cachedTimes = new List<double>();
        for (int run = 0; run < settings.CachedRuns; run++)
        {
            cachedTimes.Add((await RunOnceAsync(engine, query, cached.Sources, ct)).Total);
        }
        cachedTimes.Sort();

        double sequential = double.NaN;
        if (settings.Sequential)
        {
            sequential = await SequentialAsync(services.GetRequiredService<VoQueryClient>(), query, cold.Sources, ct);
        }
        double medianTotal = Median(totals), medianFirst = Median(firsts);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Sources} sources, {fastest:0}–{slowest:0} ms: median first +{medianFirst - fastest:0.0} ms over the fastest, median all +{medianTotal - slowest:0.0} ms over the slowest (worst +{totals.Max() - slowest:0.0} ms)"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"cached query ({settings.CachedRuns} runs): p50 {Percentile(cachedTimes, 0.5):0.000} ms, p99 {Percentile(cachedTimes, 0.99):0.000} ms"));
        if (settings.Sequential)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"one after another: {sequential:0} ms, {sequential / medianTotal:0.0}× the fan-out"));
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"DAS_RESULT {{\"sources\": {settings.Sources}, \"fastest_ms\": {fastest:0.0}, \"slowest_ms\": {slowest:0.0}, " +
            $"\"first_median_ms\": {medianFirst:0.00}, \"first_over_fastest_ms\": {medianFirst - fastest:0.00}, " +
            $"\"total_median_ms\": {medianTotal:0.00}, \"total_over_slowest_ms\": {medianTotal - slowest:0.00}, \"total_worst_over_slowest_ms\": {totals.Max() - slowest:0.00}, " +
            $"\"cached_p50_ms\": {Percentile(cachedTimes, 0.5):0.000}, \"cached_p99_ms\": {Percentile(cachedTimes, 0.99):0.000}, " +
            $"\"sequential_ms\": {(double.IsNaN(sequential) ? "null" : sequential.ToString("0.0", CultureInfo.InvariantCulture))}, " +
            $"\"sequential_over_fanout\": {(double.IsNaN(sequential) ? "null" : (sequential / medianTotal).ToString("0.00", CultureInfo.InvariantCulture))}}}"));
        return 0;
    }

    /// <summary>Latencies spread geometrically from the fastest to the slowest, in a shuffled (but repeatable) order.</summary>
    private static List<TimeSpan> Latencies(Settings s)
    {
        var spread = Enumerable.Range(0, s.Sources)
            .Select(i => s.Sources == 1 ? s.FastestMs : s.FastestMs * Math.Pow(s.SlowestMs / s.FastestMs, i / (double)(s.Sources - 1)))
            .Select(TimeSpan.FromMilliseconds).ToList();
        var random = new Random(20261125);
        return [.. spread.OrderBy(_ => random.Next())];
    }

    private static List<SourceDefinition> Definitions(LoopbackArchives archives, int count, double cacheHours, string prefix) =>
        [.. Enumerable.Range(0, count).Select(i => new SourceDefinition
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}"),
            Title = string.Create(CultureInfo.InvariantCulture, $"Archive {i}"),
            Kind = "catalogue",
            Protocol = "scs",
            Endpoint = archives.UrlOf(i).AbsoluteUri,
            BudgetSeconds = 30,
            CacheHours = cacheHours,
        })];

    private static async Task<(double First, double Total, int Ok)> RunOnceAsync(QueryEngine engine, SkyQuery query, IReadOnlyList<IDataSource> sources, CancellationToken ct)
    {
        long start = TimeProvider.System.GetTimestamp();
        double first = double.NaN;
        int ok = 0;
        await foreach (var outcome in engine.RunAsync(query, sources, AccessContext.Anonymous, ct))
        {
            if (double.IsNaN(first))
            {
                first = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
            }
            ok += outcome.Status == OutcomeStatus.Ok ? 1 : 0;
        }
        return (first, TimeProvider.System.GetElapsedTime(start).TotalMilliseconds, ok);
    }

    /// <summary>The same requests, one after another, each waiting for the last: how a script loops over archives.</summary>
    private static async Task<double> SequentialAsync(VoQueryClient client, SkyQuery query, IReadOnlyList<IDataSource> sources, CancellationToken ct)
    {
        long start = TimeProvider.System.GetTimestamp();
        foreach (var source in sources)
        {
            var request = (VoSourceRequest)source.Plan(new SourceSearch(query, query.Position, query.SearchRadiusDeg(source.Descriptor.Kind)));
            await client.QueryAsync(request.Request, new VoCallOptions(), null, ct);
        }
        return TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(List<double> values) => Percentile([.. values.Order()], 0.5);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
