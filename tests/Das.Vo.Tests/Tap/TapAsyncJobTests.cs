using Das.Testing;
using Das.Vo.Adql;
using Das.Vo.Errors;
using Das.Vo.Http;
using Das.Vo.Tap;
using Das.Vo.Uws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Das.Vo.Tests.Tap;

public sealed class TapAsyncJobTests : IAsyncLifetime
{
    private FakeVoServer _server = null!;
    private FakeUwsService _uws = null!;
    private ServiceProvider _services = null!;
    private TapAsyncJob _runner = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeVoServer.StartAsync(Ct);
        _uws = new FakeUwsService(_server, "tap/async");
        _services = new ServiceCollection().AddDasVo(DasUserAgent.Test).BuildServiceProvider();
        _runner = new TapAsyncJob(_services.GetRequiredService<VoHttpClient>(), TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private TapQuery Query => new() { BaseUrl = _server.Url("tap"), Adql = AdqlLiteral.Whole(1) };

    private static readonly VoCallOptions Options = new() { Budget = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Completed_job_returns_its_result_and_is_deleted()
    {
        _uws.ResultVoTable = "<VOTABLE>rows</VOTABLE>";
        var phases = new List<UwsPhase>();
        var result = await _runner.RunAsync(Query, Options, new SyncProgress<UwsPhase>(phases.Add), Ct);
        Assert.Equal("<VOTABLE>rows</VOTABLE>", await new StreamReader(result.Body).ReadToEndAsync(Ct));
        Assert.Equal([UwsPhase.Queued, UwsPhase.Executing, UwsPhase.Completed], phases);
        Assert.Equal(_uws.Created, _uws.Deleted);
        Assert.Contains("PHASE=RUN", System.Text.Encoding.UTF8.GetString(_server.RequestsTo("/tap/async")[0].Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Job_left_pending_by_the_service_is_started_through_its_phase()
    {
        _uws.IgnoresRunAtCreation = true;
        var phases = new List<UwsPhase>();
        await _runner.RunAsync(Query, Options, new SyncProgress<UwsPhase>(phases.Add), Ct);
        var id = Assert.Single(_uws.Created);
        Assert.Single(_server.RequestsTo($"/tap/async/{id}/phase"), r => r.Method == "POST");
        Assert.Equal(UwsPhase.Completed, phases[^1]);
    }

    [Fact]
    public async Task Polls_block_with_a_growing_wait()
    {
        _uws.Phases = ["QUEUED", "EXECUTING", "EXECUTING", "EXECUTING", "COMPLETED"];
        await _runner.RunAsync(Query, Options, null, Ct);
        Assert.Equal(["1", "2", "4", "8"], _uws.WaitValues);
    }

    [Fact]
    public async Task Service_that_ignores_wait_is_not_polled_in_a_tight_loop()
    {
        // The fake answers every poll at once, as a service without WAIT support does. The runner's clock is a fake
        // one that moves only when the test moves it, so the pacing is checked in the runner's own time.
        _uws.Phases = ["EXECUTING", "EXECUTING", "COMPLETED"];
        var clock = new FakeTimeProvider();
        var runner = new TapAsyncJob(_services.GetRequiredService<VoHttpClient>(), clock);
        var run = runner.RunAsync(Query, Options, null, Ct);

        // Views so far: the one after creation, and the first WAIT=1 poll, which came back unchanged at once.
        await WhenAsync(() => _uws.PollTimes.Count >= 2 || run.IsCompleted);
        Assert.Equal(2, _uws.PollTimes.Count);

        // 999 ms of the runner's time later it must still be waiting out the 1 s it asked for. A runner that polled
        // again at once would have done so long before the grace period ends.
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        Assert.Equal(2, _uws.PollTimes.Count);
        Assert.False(run.IsCompleted);

        // The last millisecond of the interval releases the next poll, which finds the job completed.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await run;
        Assert.Equal("<VOTABLE/>", await new StreamReader(result.Body).ReadToEndAsync(Ct));
        Assert.Equal(3, _uws.PollTimes.Count);
    }

    private static async Task WhenAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(5, Ct);
        }
    }

    [Fact]
    public async Task Error_phase_reports_the_error_document_text_and_deletes_the_job()
    {
        _uws.Phases = ["EXECUTING", "ERROR"];
        _uws.ErrorMessage = "Field query: Could not parse your query: Expected select list";
        var ex = await Assert.ThrowsAsync<VoQueryException>(() => _runner.RunAsync(Query, Options, null, Ct));
        Assert.Equal("Field query: Could not parse your query: Expected select list", ex.ServiceMessage);
        Assert.Equal(_uws.Created, _uws.Deleted);
    }

    [Fact]
    public async Task Aborted_job_is_reported_as_such()
    {
        _uws.Phases = ["EXECUTING", "ABORTED"];
        var ex = await Assert.ThrowsAsync<VoQueryException>(() => _runner.RunAsync(Query, Options, null, Ct));
        Assert.Contains("ABORTED", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abandoned_job_is_deleted_when_the_caller_cancels()
    {
        _uws.Phases = ["EXECUTING"]; // never finishes
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // The caller leaves once the job is running.
        var leave = new SyncProgress<UwsPhase>(_ => cts.Cancel());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runner.RunAsync(Query, Options, leave, cts.Token));
        Assert.Single(_uws.Created);
        Assert.Equal(_uws.Created, _uws.Deleted);
    }

    [Fact]
    public async Task Job_that_outlives_the_budget_times_out_and_is_deleted()
    {
        _uws.Phases = ["EXECUTING"];
        _server.Route("/slow", FakeResponse.Hanging());
        var ex = await Assert.ThrowsAsync<VoTimeoutException>(() => _runner.RunAsync(Query, Options with { Budget = TimeSpan.FromSeconds(2) }, null, Ct));
        Assert.Equal(TimeSpan.FromSeconds(2), ex.Budget);
        Assert.Equal(_uws.Created, _uws.Deleted);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which would race the assertions).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
