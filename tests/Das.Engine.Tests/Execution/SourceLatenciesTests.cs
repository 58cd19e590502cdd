using Das.Engine.Execution;
using Das.Engine.Sources;

namespace Das.Engine.Tests.Execution;

public sealed class SourceLatenciesTests
{
    private sealed class NamedSource(string id) : IDataSource
    {
        public SourceDescriptor Descriptor { get; } = new()
        {
            Id = id, Title = id, Kind = ResultKind.Catalogue, Protocol = "scs", Host = "archive.example:80",
        };

        public SourceRequest Plan(SourceSearch search) => throw new NotSupportedException();

        public Task<SourceAnswer> FetchAsync(SourceRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static IReadOnlyList<IDataSource> Sources(params string[] ids) => [.. ids.Select(id => new NamedSource(id))];

    private static IEnumerable<string> Ids(IEnumerable<IDataSource> sources) => sources.Select(s => s.Descriptor.Id);

    [Fact]
    public void Without_any_history_the_callers_order_is_kept()
    {
        var sources = Sources("a", "b", "c");
        Assert.Equal(["a", "b", "c"], Ids(new SourceLatencies().SlowestFirst(sources)));
    }

    [Fact]
    public void Known_sources_start_from_the_slowest_down()
    {
        var latencies = new SourceLatencies();
        latencies.Record("fast", TimeSpan.FromMilliseconds(50));
        latencies.Record("slow", TimeSpan.FromMilliseconds(1500));
        latencies.Record("middle", TimeSpan.FromMilliseconds(400));
        Assert.Equal(["slow", "middle", "fast"], Ids(latencies.SlowestFirst(Sources("fast", "middle", "slow"))));
    }

    [Fact]
    public void A_source_never_timed_starts_before_every_timed_one_and_ties_keep_the_callers_order()
    {
        var latencies = new SourceLatencies();
        latencies.Record("slow", TimeSpan.FromSeconds(2));
        latencies.Record("same-1", TimeSpan.FromMilliseconds(100));
        latencies.Record("same-2", TimeSpan.FromMilliseconds(100));
        Assert.Equal(["new-1", "new-2", "slow", "same-1", "same-2"],
            Ids(latencies.SlowestFirst(Sources("same-1", "new-1", "slow", "same-2", "new-2"))));
    }

    [Fact]
    public void The_expected_time_follows_recent_answers_without_forgetting_older_ones_at_once()
    {
        var latencies = new SourceLatencies();
        latencies.Record("a", TimeSpan.FromMilliseconds(1000));
        Assert.Equal(1000, latencies.Expected("a"));
        latencies.Record("a", TimeSpan.FromMilliseconds(0));
        var after = latencies.Expected("a")!.Value;
        Assert.InRange(after, 1, 999);
        Assert.Null(latencies.Expected("never"));
    }
}
