using Das.Engine.Access;
using Das.Jobs.Model;
using Das.Jobs.Tests.Support;

namespace Das.Jobs.Tests.Running;

public sealed class JobServiceTests
{
    private static readonly AccessContext Alice = AccessContext.ForGroups("alice");
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_goes_queued_executing_with_progress_completed_and_events_arrive_in_order()
    {
        using var dir = new TempDirectory();
        var handler = new ScriptedHandler();
        await using var host = await JobHost.StartAsync(dir.Path, handler);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var events = host.Events.WatchAsync("user:alice", null, watching.Token);

        var created = await host.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("""{"steps":5}"""), Alice, Ct);
        Assert.Null(created.Problem);
        var id = created.Job!.Id;
        Assert.Equal(JobPhase.Queued, created.Job.Phase);

        var seen = new List<JobEvent>();
        await foreach (var e in events.WithCancellation(Ct))
        {
            seen.Add(e);
            if (e.Phase == JobPhase.Completed)
            {
                break;
            }
        }
        Assert.All(seen, e => Assert.Equal(id, e.JobId));
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen.Select(e => e.Sequence));
        Assert.Equal(JobPhase.Queued, seen[0].Phase);
        Assert.Equal(JobPhase.Executing, seen[1].Phase);
        var fractions = seen.Where(e => e.Phase == JobPhase.Executing && e.Progress is not null).Select(e => e.Progress!.Fraction!.Value).ToList();
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], fractions, (a, b) => Math.Abs(a - b) < 1e-9);

        var job = await host.Jobs.GetAsync(id, "user:alice", Ct);
        Assert.NotNull(job);
        Assert.Equal(JobPhase.Completed, job.Phase);
        Assert.NotNull(job.Started);
        Assert.NotNull(job.Ended);
        Assert.True(job.Created <= job.Started && job.Started <= job.Ended);
        var result = Assert.Single(job.Results);
        Assert.Equal("out.txt", result.Name);
        Assert.Equal("done " + id, await File.ReadAllTextAsync(result.Path!, Ct));
        Assert.Equal(1.0, job.Progress!.Fraction);
    }

    [Fact]
    public async Task A_handler_failure_becomes_error_with_the_handlers_own_message()
    {
        using var dir = new TempDirectory();
        await using var host = await JobHost.StartAsync(dir.Path, new ScriptedHandler());
        var created = await host.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("""{"steps":2,"fail":"hipsgen: java not found; install the Debian package default-jre-headless"}"""), Alice, Ct);

        var job = await host.Jobs.WaitAsync(created.Job!.Id, "user:alice", null, Long, Ct);

        Assert.Equal(JobPhase.Error, job!.Phase);
        Assert.Equal("hipsgen: java not found; install the Debian package default-jre-headless", job.Error);
        Assert.Equal(1.0, job.Progress!.Fraction);
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_error_naming_its_type()
    {
        using var dir = new TempDirectory();
        await using var host = await JobHost.StartAsync(dir.Path, new ScriptedHandler());
        var created = await host.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("""{"throw":"bad state"}"""), Alice, Ct);

        var job = await host.Jobs.WaitAsync(created.Job!.Id, "user:alice", null, Long, Ct);

        Assert.Equal(JobPhase.Error, job!.Phase);
        Assert.Equal("InvalidOperationException: bad state", job.Error);
    }

    [Fact]
    public async Task Cancelling_a_running_job_aborts_it()
    {
        using var dir = new TempDirectory();
        var handler = new ScriptedHandler();
        await using var host = await JobHost.StartAsync(dir.Path, handler);
        var id = (await host.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("""{"hold":true}"""), Alice, Ct)).Job!.Id;
        await handler.StartedAsync(id).WaitAsync(Long, Ct);

        var after = await host.Jobs.CancelAsync(id, "user:alice", Ct);

        Assert.Equal(JobPhase.Aborted, after!.Phase);
        Assert.StartsWith("cancelled at ", after.Error, StringComparison.Ordinal);
        Assert.Empty(after.Results);
    }

    [Fact]
    public async Task Cancelling_a_queued_job_aborts_it_before_it_runs()
    {
        using var dir = new TempDirectory();
        var handler = new ScriptedHandler();
        await using var host = await JobHost.StartAsync(dir.Path, handler, concurrency: 1);
        var first = (await host.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("""{"hold":true}"""), Alice, Ct)).Job!.Id;
        await handler.StartedAsync(first).WaitAsync(Long, Ct);
        var second = (await host.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("{}"), Alice, Ct)).Job!.Id;

        var aborted = await host.Jobs.CancelAsync(second, "user:alice", Ct);
        handler.Release(first);
        var done = await host.Jobs.WaitAsync(first, "user:alice", null, Long, Ct);

        Assert.Equal(JobPhase.Aborted, aborted!.Phase);
        Assert.StartsWith("cancelled before it started", aborted.Error, StringComparison.Ordinal);
        Assert.Equal(JobPhase.Completed, done!.Phase);
        Assert.Equal([first], handler.Ran);
        Assert.Equal(JobPhase.Aborted, (await host.Jobs.GetAsync(second, "user:alice", Ct))!.Phase);
    }

    [Fact]
    public async Task A_restart_reports_the_running_and_queued_jobs_of_a_crashed_instance_as_interrupted()
    {
        using var dir = new TempDirectory();
        var handler = new ScriptedHandler();
        var crashed = await JobHost.StartAsync(dir.Path, handler, concurrency: 1);
        var running = (await crashed.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("""{"hold":true}"""), Alice, Ct)).Job!.Id;
        await handler.StartedAsync(running).WaitAsync(Long, Ct);
        var queued = (await crashed.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("{}"), Alice, Ct)).Job!.Id;
        crashed.Abandon();

        await using var restarted = await JobHost.StartAsync(dir.Path, new ScriptedHandler());
        var a = await restarted.Jobs.GetAsync(running, "user:alice", Ct);
        var b = await restarted.Jobs.GetAsync(queued, "user:alice", Ct);

        Assert.Equal(JobPhase.Interrupted, a!.Phase);
        Assert.StartsWith("interrupted by a restart at ", a.Error, StringComparison.Ordinal);
        Assert.Contains("it was EXECUTING", a.Error, StringComparison.Ordinal);
        Assert.Equal(JobPhase.Interrupted, b!.Phase);
        Assert.Contains("it was QUEUED", b.Error, StringComparison.Ordinal);
        Assert.NotNull(a.Ended);

        // The crashed instance's worker finishing late cannot overwrite what the restart recorded.
        handler.Release(running);
        await Task.Delay(200, Ct);
        Assert.Equal(JobPhase.Interrupted, (await restarted.Jobs.GetAsync(running, "user:alice", Ct))!.Phase);
        await crashed.DisposeAsync();
    }

    [Fact]
    public async Task A_graceful_shutdown_records_the_running_job_as_interrupted_by_the_shutdown()
    {
        using var dir = new TempDirectory();
        var handler = new ScriptedHandler();
        var host = await JobHost.StartAsync(dir.Path, handler);
        var id = (await host.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("""{"hold":true}"""), Alice, Ct)).Job!.Id;
        await handler.StartedAsync(id).WaitAsync(Long, Ct);

        await host.StopAsync();
        await host.DisposeAsync();
        await using var again = await JobHost.StartAsync(dir.Path, new ScriptedHandler());

        var job = await again.Jobs.GetAsync(id, "user:alice", Ct);
        Assert.Equal(JobPhase.Interrupted, job!.Phase);
        Assert.StartsWith("interrupted by a shutdown of Das at ", job.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_removes_the_record_and_the_job_files()
    {
        using var dir = new TempDirectory();
        await using var host = await JobHost.StartAsync(dir.Path, new ScriptedHandler());
        var id = (await host.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("{}"), Alice, Ct)).Job!.Id;
        var job = await host.Jobs.WaitAsync(id, "user:alice", null, Long, Ct);
        var file = job!.Results[0].Path!;
        Assert.True(File.Exists(file));

        Assert.True(await host.Jobs.DeleteAsync(id, "user:alice", Ct));

        Assert.False(File.Exists(file));
        Assert.Null(await host.Jobs.GetAsync(id, "user:alice", Ct));
        Assert.False(await host.Jobs.DeleteAsync(id, "user:alice", Ct));
    }

    [Fact]
    public async Task Deleting_a_running_job_stops_it_and_removes_it()
    {
        using var dir = new TempDirectory();
        var handler = new ScriptedHandler();
        await using var host = await JobHost.StartAsync(dir.Path, handler);
        var id = (await host.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("""{"hold":true}"""), Alice, Ct)).Job!.Id;
        await handler.StartedAsync(id).WaitAsync(Long, Ct);

        Assert.True(await host.Jobs.DeleteAsync(id, "user:alice", Ct));

        Assert.Null(await host.Jobs.GetAsync(id, "user:alice", Ct));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "jobs", id)));
    }

    [Fact]
    public async Task Another_owner_neither_sees_nor_cancels_nor_deletes_the_job()
    {
        using var dir = new TempDirectory();
        await using var host = await JobHost.StartAsync(dir.Path, new ScriptedHandler());
        var id = (await host.Jobs.CreateAsync("scripted", ScriptedHandler.Parameters("{}"), Alice, Ct)).Job!.Id;
        await host.Jobs.WaitAsync(id, "user:alice", null, Long, Ct);

        Assert.Null(await host.Jobs.GetAsync(id, "anonymous", Ct));
        Assert.Null(await host.Jobs.GetAsync(id, "user:bob", Ct));
        Assert.Null(await host.Jobs.CancelAsync(id, "user:bob", Ct));
        Assert.False(await host.Jobs.DeleteAsync(id, "user:bob", Ct));
        Assert.Empty(await host.Jobs.ListAsync("user:bob", Ct));
        Assert.Equal([id], (await host.Jobs.ListAsync("user:alice", Ct)).Select(j => j.Id));
    }

    [Theory]
    [InlineData(null, "{}", "give the job's kind")]
    [InlineData("sculpt", "{}", "unknown job kind 'sculpt' (known: scripted)")]
    [InlineData("scripted", "[1,2]", "the job's parameters must be a JSON object")]
    [InlineData("scripted", """{"refuse":"no such image"}""", "no such image")]
    public async Task Bad_requests_are_refused_with_a_reason_and_create_nothing(string? kind, string parameters, string problem)
    {
        using var dir = new TempDirectory();
        await using var host = await JobHost.StartAsync(dir.Path, new ScriptedHandler());

        var created = await host.Jobs.CreateAsync(kind, ScriptedHandler.Parameters(parameters), Alice, Ct);

        Assert.Null(created.Job);
        Assert.StartsWith(problem, created.Problem, StringComparison.Ordinal);
        Assert.Empty(await host.Jobs.ListAsync("user:alice", Ct));
    }
}
