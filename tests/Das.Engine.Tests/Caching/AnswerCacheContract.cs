using Das.Engine.Access;
using Das.Engine.Caching;
using Das.Engine.Execution;
using Das.Engine.Tests.Support;
using Das.Tables.Model;
using Das.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Das.Engine.Tests.Caching;

/// <summary>
/// What the answer cache promises, run through the whole engine against a loopback archive, once per cache mode
/// (<see cref="InMemoryAnswerCacheTests"/>, <see cref="RedisAnswerCacheTests"/>). The archive's request log is the
/// proof of what was asked; the clock is a <see cref="FakeTimeProvider"/>, so ages are exact.
/// </summary>
public abstract class AnswerCacheContract
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The engine options of this mode (the Redis mode skips here when there is no server).</summary>
    protected abstract EngineOptions Options { get; }

    /// <summary>True when a second Das instance sees the answers the first one cached.</summary>
    protected abstract bool SharedBetweenInstances { get; }

    /// <summary>Waits until <paramref name="key"/> is in the level shared between instances, if there is one.</summary>
    protected abstract Task WaitUntilSharedAsync(IServiceProvider services, string key, CancellationToken cancellationToken);

    private async Task<(EngineHarness Harness, FakeTimeProvider Clock)> StartAsync()
    {
        var options = Options;
        var clock = new FakeTimeProvider(Start);
        return (await EngineHarness.StartAsync(options, clock, Ct), clock);
    }

    protected static CancellationToken Within(TimeSpan limit)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(limit);
        return cts.Token;
    }

    [Fact]
    public async Task Second_identical_query_is_served_from_the_cache_with_its_age_and_no_request()
    {
        var (h, clock) = await StartAsync();
        await using var _ = h;
        h.Server.Route(h.PathOf("gaia"), FakeResponse.VoTable(VoTables.Cone(5)));
        var sources = h.Build(h.Scs("gaia", "Gaia DR3"));

        var first = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));
        clock.Advance(TimeSpan.FromMinutes(7));
        var second = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Ok, first.Status);
        Assert.Null(first.CachedAge);
        Assert.Equal(Start, first.FetchedAt);
        Assert.Equal(OutcomeStatus.Ok, second.Status);
        Assert.Equal(TimeSpan.FromMinutes(7), second.CachedAge);
        Assert.Equal(Start, second.FetchedAt);
        Assert.Equal(5, second.RowCount);
        Assert.Equal(first.Provenance, second.Provenance);
        Assert.Equal("Gaia DR3: 5 rows in 0.0 s (cached, 7 min old)", second.Summary);
        Assert.Single(h.Server.RequestsTo(h.PathOf("gaia")));
    }

    [Fact]
    public async Task Identical_concurrent_queries_share_one_request_and_neither_claims_a_cached_answer()
    {
        var (h, _) = await StartAsync();
        await using var __ = h;
        h.Server.Route(h.PathOf("slow"), FakeResponse.VoTable(VoTables.Cone(4)) with { Delay = TimeSpan.FromSeconds(1) });
        var sources = h.Build(h.Scs("slow"));

        var first = h.RunAsync(sources, cancellationToken: Ct);
        await h.Server.WaitUntilAsync(s => s.RequestsTo(h.PathOf("slow")).Count == 1, Within(TimeSpan.FromSeconds(15)));
        // The same query again while the archive is still answering the first: two more callers join it.
        var second = h.RunAsync(sources, cancellationToken: Ct);
        var third = h.RunAsync(sources, AccessContext.ForGroups("someone", "any-group"), Ct);
        var outcomes = (await Task.WhenAll(first, second, third)).Select(Assert.Single).ToList();

        Assert.Single(h.Server.RequestsTo(h.PathOf("slow")));
        Assert.All(outcomes, o =>
        {
            Assert.Equal(OutcomeStatus.Ok, o.Status);
            Assert.Equal(4, o.RowCount);
            Assert.Null(o.CachedAge);
        });
        Assert.Same(outcomes[0].Table, outcomes[1].Table);
    }

    [Fact]
    public async Task Abandoning_a_query_does_not_cancel_the_fetch_another_query_shares()
    {
        var (h, _) = await StartAsync();
        await using var __ = h;
        h.Server.Route(h.PathOf("fast"), FakeResponse.VoTable(VoTables.Cone(1)));
        h.Server.Route(h.PathOf("later"), FakeResponse.VoTable(VoTables.Cone(2)) with { Delay = TimeSpan.FromMilliseconds(300) });
        h.Server.Route(h.PathOf("slow"), FakeResponse.VoTable(VoTables.Cone(4)) with { Delay = TimeSpan.FromSeconds(1.5) });
        var slow = h.Scs("slow");

        var leaving = h.Engine.RunAsync(EngineHarness.Query, h.Build(h.Scs("fast"), slow), AccessContext.Anonymous, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await leaving.MoveNextAsync());
        Assert.Equal("fast", leaving.Current.Source.Id);
        await h.Server.WaitUntilAsync(s => s.RequestsTo(h.PathOf("slow")).Count == 1, Within(TimeSpan.FromSeconds(15)));
        // A second query asks for the same slow answer; by the time its other source has answered (300 ms), its
        // request for the slow one has long joined the first query's.
        await using var staying = h.Engine.RunAsync(EngineHarness.Query, h.Build(h.Scs("later"), slow), AccessContext.Anonymous, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await staying.MoveNextAsync());
        Assert.Equal("later", staying.Current.Source.Id);

        // The first query leaves while the second still waits on the shared fetch.
        await leaving.DisposeAsync();
        Assert.True(await staying.MoveNextAsync());
        var outcome = staying.Current;

        Assert.Equal("slow", outcome.Source.Id);
        Assert.Equal(OutcomeStatus.Ok, outcome.Status);
        Assert.Equal(4, outcome.RowCount);
        Assert.Null(outcome.CachedAge);
        Assert.Single(h.Server.RequestsTo(h.PathOf("slow")));
        Assert.DoesNotContain(h.Server.AbortedRequests, r => r.Path == h.PathOf("slow"));
    }

    [Fact]
    public async Task Restricted_answers_are_cached_per_group_and_never_served_to_another_group()
    {
        var (h, clock) = await StartAsync();
        await using var _ = h;
        h.Server.Route(h.PathOf("private"), FakeResponse.VoTable(VoTables.Cone(3)));
        // The same source (same id, same request) configured for two groups and for the public.
        var definition = h.Scs("private", "Follow-up photometry");
        var forOps = h.Build(definition with { Group = "ops" });
        var forPartners = h.Build(definition with { Group = "partners" });
        var forAll = h.Build(definition);

        string opsKey = EngineHarness.KeyOf(forOps[0]), partnersKey = EngineHarness.KeyOf(forPartners[0]), publicKey = EngineHarness.KeyOf(forAll[0]);
        Assert.StartsWith("das:v1:group:ops:private:", opsKey, StringComparison.Ordinal);
        Assert.StartsWith("das:v1:group:partners:private:", partnersKey, StringComparison.Ordinal);
        Assert.StartsWith("das:v1:public:private:", publicKey, StringComparison.Ordinal);
        Assert.Equal(3, new[] { opsKey, partnersKey, publicKey }.Distinct(StringComparer.Ordinal).Count());

        var alice = Assert.Single(await h.RunAsync(forOps, AccessContext.ForGroups("alice", "ops"), Ct));
        clock.Advance(TimeSpan.FromMinutes(1));
        var bob = Assert.Single(await h.RunAsync(forOps, AccessContext.ForGroups("bob", "ops", "partners"), Ct));
        Assert.Null(alice.CachedAge);
        Assert.Equal(TimeSpan.FromMinutes(1), bob.CachedAge);
        Assert.Single(h.Server.RequestsTo(h.PathOf("private")));

        var carol = Assert.Single(await h.RunAsync(forPartners, AccessContext.ForGroups("carol", "partners"), Ct));
        Assert.Equal(OutcomeStatus.Ok, carol.Status);
        Assert.Null(carol.CachedAge);
        Assert.Equal(2, h.Server.RequestsTo(h.PathOf("private")).Count);

        var anyone = Assert.Single(await h.RunAsync(forAll, AccessContext.Anonymous, Ct));
        Assert.Null(anyone.CachedAge);
        Assert.Equal(3, h.Server.RequestsTo(h.PathOf("private")).Count);

        // The ops answer is in the cache, but an outsider is stopped before the cache is even looked at.
        var mallory = Assert.Single(await h.RunAsync(forOps, AccessContext.ForGroups("mallory", "partners"), Ct));
        Assert.Equal(OutcomeStatus.Skipped, mallory.Status);
        Assert.Null(mallory.Table);
        Assert.Null(mallory.CachedAge);
        Assert.Equal(3, h.Server.RequestsTo(h.PathOf("private")).Count);
    }

    [Fact]
    public async Task Failures_are_not_cached_so_the_next_query_asks_again()
    {
        var (h, _) = await StartAsync();
        await using var __ = h;
        h.Server.RouteSequence(h.PathOf("flaky"),
            FakeResponse.Text("Internal error: database connection lost", status: 500),
            FakeResponse.Html("Login required"),
            FakeResponse.VoTable(VoTables.Cone(4)));
        var sources = h.Build(h.Scs("flaky"));

        var first = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));
        var second = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));
        var third = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));
        var fourth = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Failed, first.Status);
        Assert.Equal(OutcomeStatus.Failed, second.Status);
        Assert.Equal(OutcomeStatus.Ok, third.Status);
        Assert.Null(third.CachedAge);
        Assert.Equal(OutcomeStatus.Ok, fourth.Status);
        Assert.NotNull(fourth.CachedAge);
        Assert.Equal(3, h.Server.RequestsTo(h.PathOf("flaky")).Count);
    }

    [Fact]
    public async Task Answers_cut_by_a_dropped_connection_are_not_cached()
    {
        var (h, _) = await StartAsync();
        await using var __ = h;
        var body = VoTables.Cone(2000);
        h.Server.RouteSequence(h.PathOf("cut"), FakeResponse.VoTable(body) with { ResetAfterBytes = body.Length / 2 }, FakeResponse.VoTable(body));
        var sources = h.Build(h.Scs("cut"));

        var first = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));
        var second = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));
        var third = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Truncated, first.Status);
        Assert.Equal(TruncationReason.DocumentEndedEarly, first.Table?.Truncation?.Reason);
        Assert.Null(first.CachedAge);
        Assert.Equal(OutcomeStatus.Ok, second.Status);
        Assert.Equal(2000, second.RowCount);
        Assert.Null(second.CachedAge);
        Assert.Equal(2000, third.RowCount);
        Assert.NotNull(third.CachedAge);
        Assert.Equal(2, h.Server.RequestsTo(h.PathOf("cut")).Count);
    }

    [Fact]
    public async Task Answers_stopped_at_the_service_row_limit_are_complete_answers_and_cached()
    {
        var (h, _) = await StartAsync();
        await using var __ = h;
        h.Server.Route(h.PathOf("capped"), FakeResponse.VoTable(VoTables.Cone(3, status: "OVERFLOW")));
        var sources = h.Build(h.Scs("capped", "Capped archive"));

        var first = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));
        var second = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Truncated, first.Status);
        Assert.Equal(OutcomeStatus.Truncated, second.Status);
        Assert.Equal(TruncationReason.ServiceOverflow, second.Table?.Truncation?.Reason);
        Assert.Equal("Capped archive: 3 rows, incomplete: the service cut the result at its row limit (QUERY_STATUS=OVERFLOW)", second.Message);
        Assert.NotNull(second.CachedAge);
        Assert.Single(h.Server.RequestsTo(h.PathOf("capped")));
    }

    [Fact]
    public async Task Forgetting_a_source_drops_its_answers_and_only_its_answers()
    {
        var (h, clock) = await StartAsync();
        await using var __ = h;
        // Invalidations are kept per source id in Redis, beyond this run: the ids are this run's own.
        string changed = "changed-" + h.Run, kept = "kept-" + h.Run;
        h.Server.Route(h.PathOf(changed), FakeResponse.VoTable(VoTables.Cone(2)));
        h.Server.Route(h.PathOf(kept), FakeResponse.VoTable(VoTables.Cone(3)));
        var definitions = new[] { h.Scs(changed), h.Scs(kept) };
        var sources = h.Build(definitions);
        await h.RunAsync(sources, cancellationToken: Ct);
        await WaitUntilSharedAsync(h.Services, EngineHarness.KeyOf(sources[0]), Within(TimeSpan.FromSeconds(15)));
        await WaitUntilSharedAsync(h.Services, EngineHarness.KeyOf(sources[1]), Within(TimeSpan.FromSeconds(15)));

        await h.Services.GetRequiredService<AnswerCache>().ForgetSourceAsync(changed, Ct);
        clock.Advance(TimeSpan.FromSeconds(1));

        // This instance asks the archive again for the forgotten source only, from memory and from Redis alike.
        // (Another instance's memory level keeps its copy until it expires: HybridCache has no backplane. And an
        // instance reading the entry from Redis while it is still fetching the tag's invalidation time may take it
        // anyway: as HybridCache's source reads, a pending invalidation is compared with the time of the read, not
        // with the entry's. Neither is promised here.)
        var again = (await h.RunAsync(sources, cancellationToken: Ct)).ToDictionary(o => o.Source.Id);
        Assert.Null(again[changed].CachedAge);
        Assert.NotNull(again[kept].CachedAge);
        Assert.Equal(2, h.Server.RequestsTo(h.PathOf(changed)).Count);
        Assert.Single(h.Server.RequestsTo(h.PathOf(kept)));
    }

    [Fact]
    public async Task Zero_cache_lifetime_never_caches()
    {
        var (h, _) = await StartAsync();
        await using var __ = h;
        h.Server.Route(h.PathOf("broker"), FakeResponse.VoTable(VoTables.Cone(2)));
        var definition = h.Scs("broker", "Alert broker") with { CacheHours = 0 };
        var sources = h.Build(definition);

        var outcomes = new List<SourceOutcome>();
        for (int i = 0; i < 3; i++)
        {
            outcomes.Add(Assert.Single(await h.RunAsync(sources, cancellationToken: Ct)));
        }
        // Nor does another instance find it in a shared cache.
        var other = h.NewServices();
        outcomes.Add(Assert.Single(await EngineHarness.RunAsync(other, EngineHarness.Build(other, definition), cancellationToken: Ct)));

        Assert.All(outcomes, o =>
        {
            Assert.Equal(OutcomeStatus.Ok, o.Status);
            Assert.Null(o.CachedAge);
        });
        Assert.Equal(4, h.Server.RequestsTo(h.PathOf("broker")).Count);
    }

    [Fact]
    public async Task Fresh_instance_finds_the_answer_only_in_a_shared_cache()
    {
        var (h, clock) = await StartAsync();
        await using var _ = h;
        h.Server.Route(h.PathOf("gaia"), FakeResponse.VoTable(VoTables.Cone(6, status: "OVERFLOW")));
        var definition = h.Scs("gaia", "Gaia DR3");
        var sources = h.Build(definition);

        var first = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));
        await WaitUntilSharedAsync(h.Services, EngineHarness.KeyOf(sources[0]), Within(TimeSpan.FromSeconds(15)));
        clock.Advance(TimeSpan.FromMinutes(3));
        // A second instance: a new engine and an empty memory cache (another process, or this one restarted).
        var restarted = h.NewServices();
        Assert.NotSame(h.Services.GetRequiredService<AnswerCache>(), restarted.GetRequiredService<AnswerCache>());
        var second = Assert.Single(await EngineHarness.RunAsync(restarted, EngineHarness.Build(restarted, definition), cancellationToken: Ct));

        Assert.Equal(6, second.RowCount);
        Assert.Equal(OutcomeStatus.Truncated, second.Status);
        Assert.Equal(first.Table?.Truncation, second.Table?.Truncation);
        Assert.Equal(first.Provenance, second.Provenance);
        if (SharedBetweenInstances)
        {
            Assert.Equal(TimeSpan.FromMinutes(3), second.CachedAge);
            Assert.Equal(first.FetchedAt, second.FetchedAt);
            Assert.Single(h.Server.RequestsTo(h.PathOf("gaia")));
        }
        else
        {
            Assert.Null(second.CachedAge);
            Assert.Equal(2, h.Server.RequestsTo(h.PathOf("gaia")).Count);
        }
    }
}
