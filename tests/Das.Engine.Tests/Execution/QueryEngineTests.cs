using System.Text.RegularExpressions;
using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Sources;
using Das.Engine.Tests.Support;
using Das.Sources.Catalog;
using Das.Tables.Model;
using Das.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Das.Engine.Tests.Execution;

/// <summary>
/// The fan-out over real HTTP: dozens of cone-search sources on a loopback archive, each with its own latency or
/// fault. Claims are about order and counts (who arrives before whom, how many requests the archive saw), never
/// about how many milliseconds something took.
/// </summary>
public sealed class QueryEngineTests : IAsyncLifetime
{
    private EngineHarness _h = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _h = await EngineHarness.StartAsync(new EngineOptions { MaxConcurrencyPerHost = 64 }, cancellationToken: Ct);

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    private static CancellationToken Within(TimeSpan limit)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(limit);
        return cts.Token;
    }

    [Fact]
    public async Task Outcomes_are_yielded_in_the_order_sources_complete_not_in_list_order()
    {
        // Every source waits for its own gate; the test opens them in an order unrelated to the list.
        const int count = 10;
        int[] release = [7, 2, 9, 0, 5, 3, 8, 1, 6, 4];
        var gates = Enumerable.Range(0, count).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var definitions = new SourceDefinition[count];
        for (int i = 0; i < count; i++)
        {
            definitions[i] = _h.Scs($"gated-{i}");
            _h.Server.Route(_h.PathOf(definitions[i].Id!), FakeResponse.VoTable(VoTables.Cone(i + 1)) with { WaitFor = gates[i].Task });
        }

        await using var outcomes = _h.Engine.RunAsync(EngineHarness.Query, _h.Build(definitions), AccessContext.Anonymous, Ct).GetAsyncEnumerator(Ct);
        var first = outcomes.MoveNextAsync().AsTask();
        // All ten are asked at once, before any has answered.
        await _h.Server.WaitUntilAsync(s => s.RequestsInFlight == count, Within(TimeSpan.FromSeconds(15)));
        Assert.False(first.IsCompleted);

        var order = new List<string>();
        for (int k = 0; k < count; k++)
        {
            gates[release[k]].SetResult();
            Assert.True(k == 0 ? await first : await outcomes.MoveNextAsync());
            Assert.Equal(OutcomeStatus.Ok, outcomes.Current.Status);
            Assert.Equal(release[k] + 1, outcomes.Current.RowCount);
            order.Add(outcomes.Current.Source.Id);
        }
        Assert.False(await outcomes.MoveNextAsync());
        Assert.Equal(release.Select(i => $"gated-{i}"), order);
    }

    [Fact]
    public async Task Forty_sources_with_latencies_from_10_ms_to_2_s_each_arrive_exactly_once()
    {
        // The list is slowest first: source 0 answers after ~2 s, source 39 after 10 ms.
        const int count = 40;
        var delays = new Dictionary<string, int>();
        var rows = new Dictionary<string, int>();
        var definitions = new List<SourceDefinition>();
        for (int i = 0; i < count; i++)
        {
            string id = $"src-{i:00}";
            delays[id] = 10 + 50 * (count - 1 - i);
            rows[id] = 1 + i % 7;
            definitions.Add(_h.Scs(id));
            _h.Server.Route(_h.PathOf(id), FakeResponse.VoTable(VoTables.Cone(rows[id])) with { Delay = TimeSpan.FromMilliseconds(delays[id]) });
        }

        var outcomes = await _h.RunAsync(_h.Build([.. definitions]), cancellationToken: Ct);

        var order = outcomes.Select(o => o.Source.Id).ToList();
        Assert.Equal(count, order.Count);
        Assert.Equal(definitions.Select(d => d.Id!).Order(StringComparer.Ordinal), order.Order(StringComparer.Ordinal));
        Assert.All(outcomes, o =>
        {
            Assert.Equal(OutcomeStatus.Ok, o.Status);
            Assert.Equal(rows[o.Source.Id], o.RowCount);
            Assert.Null(o.Message);
            Assert.Null(o.CachedAge);
        });
        Assert.All(definitions, d => Assert.Single(_h.Server.RequestsTo(_h.PathOf(d.Id!))));
        // Completion order, not list order: whatever the scheduling noise on a shared machine, a source that
        // answers a whole second sooner is yielded sooner.
        for (int a = 0; a < count; a++)
        {
            for (int b = a + 1; b < count; b++)
            {
                Assert.False(delays[order[a]] >= delays[order[b]] + 1000,
                    $"{order[a]} ({delays[order[a]]} ms) was yielded before {order[b]} ({delays[order[b]]} ms)");
            }
        }
    }

    [Fact]
    public async Task Hanging_source_times_out_at_its_own_budget_while_the_others_complete()
    {
        var definitions = new List<SourceDefinition>();
        var delays = new Dictionary<string, int>();
        for (int i = 0; i < 12; i++)
        {
            string id = $"ok-{i:00}";
            delays[id] = 10 + 250 * i;
            definitions.Add(_h.Scs(id));
            _h.Server.Route(_h.PathOf(id), FakeResponse.VoTable(VoTables.Cone(3)) with { Delay = TimeSpan.FromMilliseconds(delays[id]) });
        }
        definitions.Add(_h.Scs("hang") with { Title = "Hanging archive", BudgetSeconds = 0.5 });
        _h.Server.Route(_h.PathOf("hang"), FakeResponse.Hanging());

        var outcomes = await _h.RunAsync(_h.Build([.. definitions]), cancellationToken: Ct);

        Assert.Equal(13, outcomes.Count);
        var hang = Assert.Single(outcomes, o => o.Source.Id == "hang");
        Assert.Equal(OutcomeStatus.TimedOut, hang.Status);
        Assert.Equal(SourceFailureKind.Timeout, hang.Failure);
        Assert.True(hang.IsTransient);
        Assert.Null(hang.Table);
        Assert.Matches(@"^Hanging archive: no (complete )?answer within (its|the time) budget of 0\.5 s \(after \d+\.\d s\)$", hang.Message);
        // Its timeout cuts nobody else short, not even the sources slower than its budget ...
        Assert.All(outcomes.Where(o => o != hang), o => Assert.Equal(OutcomeStatus.Ok, o.Status));
        // ... and it ends at its own 0.5 s, not at the others' 30 s: before every source a second slower than that.
        int at = outcomes.IndexOf(hang);
        Assert.All(outcomes.Take(at), o => Assert.True(delays[o.Source.Id] < 1500, $"{o.Source.Id} ({delays[o.Source.Id]} ms) came before the timeout"));
        // The request it gave up on is closed, not left open on the archive.
        await _h.Server.WaitUntilAsync(s => s.AbortedRequests.Any(r => r.Path == _h.PathOf("hang")), Within(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Budget_runs_on_the_injected_clock_and_ends_exactly_at_the_source_budget()
    {
        var clock = new FakeTimeProvider();
        await using var h = await EngineHarness.StartAsync(time: clock, cancellationToken: Ct);
        h.Server.Route(h.PathOf("fast"), FakeResponse.VoTable(VoTables.Cone(2)));
        h.Server.Route(h.PathOf("hang"), FakeResponse.Hanging());
        var sources = h.Build(h.Scs("fast"), h.Scs("hang") with { Title = "Hanging archive", BudgetSeconds = 10 });

        await using var outcomes = h.Engine.RunAsync(EngineHarness.Query, sources, AccessContext.Anonymous, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await outcomes.MoveNextAsync());
        Assert.Equal("fast", outcomes.Current.Source.Id);
        Assert.Equal(TimeSpan.Zero, outcomes.Current.Elapsed);

        // Real time passes, the fake clock does not: the hanging source is still waiting for its answer.
        await h.Server.WaitUntilAsync(s => s.RequestsTo(h.PathOf("hang")).Count == 1, Within(TimeSpan.FromSeconds(15)));
        var next = outcomes.MoveNextAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(4));
        clock.Advance(TimeSpan.FromSeconds(4));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await next.WaitAsync(Within(TimeSpan.FromSeconds(15))));

        var hang = outcomes.Current;
        Assert.Equal(OutcomeStatus.TimedOut, hang.Status);
        Assert.Equal(TimeSpan.FromSeconds(10), hang.Elapsed);
        Assert.Matches(@"^Hanging archive: .*budget of 10(\.0)? s \(after 10\.0 s\)$", hang.Message);
        Assert.False(await outcomes.MoveNextAsync());
    }

    [Fact]
    public async Task Failing_sources_each_fail_with_their_own_message_and_never_touch_the_rest()
    {
        var definitions = new List<SourceDefinition>();
        for (int i = 0; i < 10; i++)
        {
            string id = $"ok-{i:00}";
            definitions.Add(_h.Scs(id));
            _h.Server.Route(_h.PathOf(id), FakeResponse.VoTable(VoTables.Cone(i + 1)) with { Delay = TimeSpan.FromMilliseconds(20 * i) });
        }
        var big = VoTables.Cone(2000);
        var faults = new Dictionary<string, (string Title, FakeResponse Response)>
        {
            ["http500"] = ("Broken archive", FakeResponse.Text("Internal error: database connection lost", status: 500)),
            ["html"] = ("Login archive", FakeResponse.Html("Login required")),
            ["reset"] = ("Resetting archive", FakeResponse.Reset()),
            ["cut"] = ("Cut archive", FakeResponse.VoTable(big) with { ResetAfterBytes = big.Length / 2 }),
            ["picky"] = ("Picky archive", FakeResponse.VoTable(VoTables.QueryError("Position out of the survey footprint"))),
            ["hang"] = ("Hanging archive", FakeResponse.Hanging()),
        };
        foreach (var (id, (title, response)) in faults)
        {
            definitions.Add(_h.Scs(id, title) with { BudgetSeconds = id == "hang" ? 1 : null });
            _h.Server.Route(_h.PathOf(id), response);
        }

        var outcomes = (await _h.RunAsync(_h.Build([.. definitions]), cancellationToken: Ct)).ToDictionary(o => o.Source.Id);

        Assert.Equal(definitions.Count, outcomes.Count);
        for (int i = 0; i < 10; i++)
        {
            var ok = outcomes[$"ok-{i:00}"];
            Assert.Equal(OutcomeStatus.Ok, ok.Status);
            Assert.Equal(i + 1, ok.RowCount);
            Assert.Null(ok.Message);
        }
        const string after = @" \(after \d+\.\d s\)$";
        AssertFailed(outcomes["http500"], SourceFailureKind.Http, false,
            "^Broken archive: the service answered HTTP 500: Internal error: database connection lost" + after);
        AssertFailed(outcomes["html"], SourceFailureKind.Format, false,
            "^Login archive: the service sent an HTML page instead of a VOTable: \"Login required\"" + after);
        AssertFailed(outcomes["reset"], SourceFailureKind.Transport, true,
            @"^Resetting archive: 127\.0\.0\.1:\d+ (reset|closed) the connection before answering" + after);
        AssertFailed(outcomes["picky"], SourceFailureKind.Query, false,
            "^Picky archive: the service reported an error: Position out of the survey footprint" + after);
        var hang = outcomes["hang"];
        Assert.Equal(OutcomeStatus.TimedOut, hang.Status);
        Assert.Equal(SourceFailureKind.Timeout, hang.Failure);
        Assert.StartsWith("Hanging archive: ", hang.Message, StringComparison.Ordinal);

        var cut = outcomes["cut"];
        Assert.Equal(OutcomeStatus.Truncated, cut.Status);
        Assert.Null(cut.Failure);
        Assert.InRange(cut.RowCount, 100, 1999);
        Assert.Equal(TruncationReason.DocumentEndedEarly, cut.Table?.Truncation?.Reason);
        Assert.Matches($"^Cut archive: {cut.RowCount} rows, incomplete: the connection dropped after .+ of the answer", cut.Message);

        // A reset is transient, so the client retried it (GET is idempotent); nothing else was asked twice.
        Assert.Equal(3, _h.Server.RequestsTo(_h.PathOf("reset")).Count);
        Assert.All(definitions.Where(d => d.Id != "reset"), d => Assert.Single(_h.Server.RequestsTo(_h.PathOf(d.Id!))));
    }

    private static void AssertFailed(SourceOutcome outcome, SourceFailureKind kind, bool transient, string message)
    {
        Assert.Equal(OutcomeStatus.Failed, outcome.Status);
        Assert.Equal(kind, outcome.Failure);
        Assert.Equal(transient, outcome.IsTransient);
        Assert.Null(outcome.Table);
        Assert.Matches(message, outcome.Message);
        Assert.Equal(outcome.Message, outcome.Summary);
        Assert.NotNull(outcome.Provenance);
    }

    [Fact]
    public async Task Source_that_drips_past_its_budget_times_out_instead_of_passing_as_complete()
    {
        var body = VoTables.Cone(200);
        _h.Server.Route(_h.PathOf("drip"), FakeResponse.VoTable(body) with { DripChunkBytes = 256, DripInterval = TimeSpan.FromMilliseconds(50) });
        _h.Server.Route(_h.PathOf("fast"), FakeResponse.VoTable(VoTables.Cone(5)));
        var sources = _h.Build(_h.Scs("drip", "Dripping archive") with { BudgetSeconds = 0.8 }, _h.Scs("fast"));

        var outcomes = (await _h.RunAsync(sources, cancellationToken: Ct)).ToDictionary(o => o.Source.Id);

        Assert.Equal(OutcomeStatus.Ok, outcomes["fast"].Status);
        var drip = outcomes["drip"];
        Assert.Equal(OutcomeStatus.TimedOut, drip.Status);
        Assert.Equal(SourceFailureKind.Timeout, drip.Failure);
        Assert.StartsWith("Dripping archive: ", drip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Breaking_out_of_the_enumeration_cancels_the_requests_still_in_flight()
    {
        var hanging = Enumerable.Range(0, 6).Select(i => $"hang-{i}").ToList();
        foreach (var id in hanging)
        {
            _h.Server.Route(_h.PathOf(id), FakeResponse.Hanging());
        }
        _h.Server.Route(_h.PathOf("fast"), FakeResponse.VoTable(VoTables.Cone(1)));
        var sources = _h.Build([.. hanging.Select(id => _h.Scs(id)), _h.Scs("fast")]);

        SourceOutcome? first = null;
        await foreach (var outcome in _h.Engine.RunAsync(EngineHarness.Query, sources, AccessContext.Anonymous, Ct))
        {
            first = outcome;
            // Leave only once every hanging request has reached the archive, so each has a connection to close.
            await _h.Server.WaitUntilAsync(s => s.RequestsInFlight == hanging.Count, Within(TimeSpan.FromSeconds(15)));
            break;
        }

        Assert.Equal("fast", first?.Source.Id);
        await _h.Server.WaitUntilAsync(s => hanging.All(id => s.AbortedRequests.Any(r => r.Path == _h.PathOf(id))) && s.RequestsInFlight == 0,
            Within(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Cancelling_the_token_ends_the_enumeration_and_the_requests_in_flight()
    {
        var hanging = Enumerable.Range(0, 6).Select(i => $"hang-{i}").ToList();
        foreach (var id in hanging)
        {
            _h.Server.Route(_h.PathOf(id), FakeResponse.Hanging());
        }
        _h.Server.Route(_h.PathOf("fast"), FakeResponse.VoTable(VoTables.Cone(1)));
        var sources = _h.Build([.. hanging.Select(id => _h.Scs(id)), _h.Scs("fast")]);
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var seen = new List<SourceOutcome>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var outcome in _h.Engine.RunAsync(EngineHarness.Query, sources, AccessContext.Anonymous, leave.Token))
            {
                seen.Add(outcome);
                await _h.Server.WaitUntilAsync(s => s.RequestsInFlight == hanging.Count, Within(TimeSpan.FromSeconds(15)));
                await leave.CancelAsync();
            }
        });

        Assert.Equal("fast", Assert.Single(seen).Source.Id);
        await _h.Server.WaitUntilAsync(s => hanging.All(id => s.AbortedRequests.Any(r => r.Path == _h.PathOf(id))) && s.RequestsInFlight == 0,
            Within(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Requests_to_one_host_never_exceed_the_per_host_limit()
    {
        await using var h = await EngineHarness.StartAsync(new EngineOptions { MaxConcurrencyPerHost = 2 }, cancellationToken: Ct);
        var definitions = Enumerable.Range(0, 8).Select(i => h.Scs($"s-{i}")).ToArray();
        foreach (var d in definitions)
        {
            h.Server.Route(h.PathOf(d.Id!), FakeResponse.VoTable(VoTables.Cone(2)) with { Delay = TimeSpan.FromMilliseconds(300) });
        }

        var outcomes = await h.RunAsync(h.Build(definitions), cancellationToken: Ct);

        Assert.Equal(8, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(OutcomeStatus.Ok, o.Status));
        Assert.Equal(8, h.Server.Requests.Count);
        Assert.Equal(2, h.Server.PeakRequestsInFlight);
    }

    [Fact]
    public async Task Source_without_coverage_at_the_position_is_skipped_without_a_request()
    {
        _h.Server.Route(_h.PathOf("south"), FakeResponse.VoTable(VoTables.Cone(4)));
        _h.Server.Route(_h.PathOf("north"), FakeResponse.VoTable(VoTables.Cone(4)));
        _h.Server.Route(_h.PathOf("allsky"), FakeResponse.VoTable(VoTables.Cone(4)));
        var sources = _h.Build(
            _h.Scs("south", "Southern survey") with { Coverage = new SourceCoverage { DecMin = -90, DecMax = -30 } },
            _h.Scs("north", "Northern survey") with { Coverage = new SourceCoverage { DecMin = 0, DecMax = 90 } },
            _h.Scs("allsky", "All-sky survey") with { Coverage = new SourceCoverage { Moc = "0/0-11" } });

        var outcomes = (await _h.RunAsync(sources, cancellationToken: Ct)).ToDictionary(o => o.Source.Id);

        var south = outcomes["south"];
        Assert.Equal(OutcomeStatus.Skipped, south.Status);
        Assert.Equal("Southern survey: no coverage at RA 160.2521°, Dec +41.2686°", south.Message);
        Assert.Null(south.Provenance);
        Assert.Empty(_h.Server.RequestsTo(_h.PathOf("south")));
        Assert.Equal(OutcomeStatus.Ok, outcomes["north"].Status);
        Assert.Equal(OutcomeStatus.Ok, outcomes["allsky"].Status);
        Assert.Single(_h.Server.RequestsTo(_h.PathOf("north")));
    }

    [Fact]
    public async Task Restricted_source_is_skipped_for_outsiders_without_a_request_and_asked_for_members()
    {
        _h.Server.Route(_h.PathOf("private"), FakeResponse.VoTable(VoTables.Cone(6)));
        var sources = _h.Build(_h.Scs("private", "Private follow-up") with { Group = "frb-team" });

        var outsider = Assert.Single(await _h.RunAsync(sources, AccessContext.ForGroups("mallory", "other-team"), Ct));
        Assert.Equal(OutcomeStatus.Skipped, outsider.Status);
        Assert.Equal("Private follow-up: restricted to members of the group 'frb-team'", outsider.Message);
        Assert.Null(outsider.Table);
        var anonymous = Assert.Single(await _h.RunAsync(sources, AccessContext.Anonymous, Ct));
        Assert.Equal(OutcomeStatus.Skipped, anonymous.Status);
        Assert.Empty(_h.Server.RequestsTo(_h.PathOf("private")));

        var member = Assert.Single(await _h.RunAsync(sources, AccessContext.ForGroups("alice", "other-team", "frb-team"), Ct));
        Assert.Equal(OutcomeStatus.Ok, member.Status);
        Assert.Equal(6, member.RowCount);
        Assert.Single(_h.Server.RequestsTo(_h.PathOf("private")));
    }

    [Fact]
    public async Task Provenance_is_the_request_that_was_sent()
    {
        _h.Server.Route(_h.PathOf("one"), FakeResponse.VoTable(VoTables.Cone(1)));
        var outcome = Assert.Single(await _h.RunAsync(_h.Build(_h.Scs("one")), cancellationToken: Ct));

        var sent = Assert.Single(_h.Server.RequestsTo(_h.PathOf("one")));
        Assert.Contains(_h.PathOf("one") + sent.QueryString, outcome.Provenance, StringComparison.Ordinal);
        Assert.Matches(Regex.Escape("RA=160.252083") + "&" + Regex.Escape("DEC=41.268611") + "&SR=", sent.QueryString);
    }
}
