using System.Text.Json;
using Das.Engine.Access;
using Das.Jobs.Model;

namespace Das.Jobs.Hangfire.Tests;

/// <summary>Hangfire keeps some state process-wide (JobStorage.Current), so these run one at a time.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class HangfireEngine;

[Collection(typeof(HangfireEngine))]
public sealed class HangfireEngineTests
{
    private static readonly AccessContext Alice = AccessContext.ForGroups("alice");
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Schema() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static JsonElement Parameters(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public async Task A_job_created_on_a_front_instance_is_run_by_the_worker_instance_and_seen_live_from_both()
    {
        HangfireInstance.Postgres();
        using var dir = new TempDir();
        var schema = Schema();
        var handler = new SharedHandler();
        await using var front = await HangfireInstance.StartAsync("front", schema, dir.Path, handler, worker: false);
        await using var worker = await HangfireInstance.StartAsync("worker", schema, dir.Path, handler);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var events = front.Events.WatchAsync("user:alice", null, watching.Token);

        var id = (await front.Jobs.CreateAsync("shared", Parameters("{}"), Alice, Ct)).Job!.Id;
        var phases = new List<JobPhase>();
        await foreach (var e in events.WithCancellation(Ct))
        {
            phases.Add(e.Phase);
            if (e.Phase == JobPhase.Completed)
            {
                break;
            }
        }

        Assert.Equal(JobPhase.Queued, phases[0]);
        Assert.Contains(JobPhase.Executing, phases); // forwarded from the worker by LISTEN/NOTIFY
        var seenFromFront = await front.Jobs.WaitAsync(id, "user:alice", null, Long, Ct);
        var seenFromWorker = await worker.Jobs.GetAsync(id, "user:alice", Ct);
        Assert.Equal(JobPhase.Completed, seenFromFront!.Phase);
        Assert.Equal("worker", seenFromFront.RunBy);
        Assert.Equal(seenFromFront.Ended, seenFromWorker!.Ended);
        Assert.Equal("out.txt", Assert.Single(seenFromWorker.Results).Name);
    }

    [Fact]
    public async Task A_phase_another_instance_announced_is_forwarded_even_when_its_record_has_moved_on()
    {
        // The race the test above can meet: the worker finishes before the front reads the EXECUTING notice. The
        // notices carry their phase, so watchers here still see EXECUTING, then COMPLETED with the record's progress.
        var connection = HangfireInstance.Postgres();
        using var dir = new TempDir();
        await using var front = await HangfireInstance.StartAsync("front", Schema(), dir.Path, new SharedHandler(), worker: false);
        var now = TimeProvider.System.GetUtcNow();
        await front.Store.AddAsync(new JobRecord
        {
            Id = "j-raced",
            Kind = "shared",
            Owner = "user:alice",
            Parameters = Parameters("{}"),
            Phase = JobPhase.Completed,
            Progress = new JobProgress(1.0, "done"),
            Created = now,
            Started = now,
            Ended = now,
            RunBy = "worker",
        }, Ct);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        watching.CancelAfter(Long);
        await using var events = front.Events.WatchAsync("user:alice", "j-raced", watching.Token).GetAsyncEnumerator(watching.Token);
        await using var data = Npgsql.NpgsqlDataSource.Create(connection);
        async Task AnnounceAsync(string phase)
        {
            await using var notify = data.CreateCommand("SELECT pg_notify(@channel, @payload)");
            notify.Parameters.AddWithValue("channel", front.Store.Channel);
            notify.Parameters.AddWithValue("payload", "worker|j-raced|" + phase);
            await notify.ExecuteNonQueryAsync(Ct);
        }

        // The front LISTENs from a background service that may not have started listening yet: announce EXECUTING
        // until it is forwarded, then COMPLETED (notices arrive in the order they were sent).
        var first = events.MoveNextAsync().AsTask();
        while (!first.IsCompleted)
        {
            await AnnounceAsync("EXECUTING");
            await Task.WhenAny(first, Task.Delay(200, Ct));
        }
        Assert.True(await first);
        var executing = events.Current;
        await AnnounceAsync("COMPLETED");
        JobEvent last;
        do
        {
            Assert.True(await events.MoveNextAsync());
            last = events.Current;
        }
        while (last.Phase == JobPhase.Executing);

        Assert.Equal(JobPhase.Executing, executing.Phase);
        Assert.Null(executing.Progress); // the record's progress is the completed job's, not the executing one's
        Assert.Equal(JobPhase.Completed, last.Phase);
        Assert.Equal(1.0, last.Progress!.Fraction);
    }

    [Fact]
    public async Task Two_worker_instances_share_the_work()
    {
        HangfireInstance.Postgres();
        using var dir = new TempDir();
        var schema = Schema();
        var handler = new SharedHandler();
        await using var a = await HangfireInstance.StartAsync("a", schema, dir.Path, handler);
        await using var b = await HangfireInstance.StartAsync("b", schema, dir.Path, handler);

        // Each instance has one worker: two held jobs can only both start when each instance takes one.
        var first = (await a.Jobs.CreateAsync("shared", Parameters("""{"hold":true}"""), Alice, Ct)).Job!.Id;
        var second = (await a.Jobs.CreateAsync("shared", Parameters("""{"hold":true}"""), Alice, Ct)).Job!.Id;
        await Task.WhenAll(handler.StartedAsync(first), handler.StartedAsync(second)).WaitAsync(Long, Ct);
        handler.Gate.TrySetResult();
        var one = await b.Jobs.WaitAsync(first, "user:alice", null, Long, Ct);
        var two = await b.Jobs.WaitAsync(second, "user:alice", null, Long, Ct);

        Assert.Equal(JobPhase.Completed, one!.Phase);
        Assert.Equal(JobPhase.Completed, two!.Phase);
        Assert.Equal(["a", "b"], new[] { one.RunBy!, two.RunBy! }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cancelling_on_one_instance_stops_the_job_running_on_the_other()
    {
        HangfireInstance.Postgres();
        using var dir = new TempDir();
        var schema = Schema();
        var handler = new SharedHandler();
        await using var front = await HangfireInstance.StartAsync("front", schema, dir.Path, handler, worker: false);
        await using var worker = await HangfireInstance.StartAsync("worker", schema, dir.Path, handler);
        var id = (await front.Jobs.CreateAsync("shared", Parameters("""{"hold":true}"""), Alice, Ct)).Job!.Id;
        await handler.StartedAsync(id).WaitAsync(Long, Ct);

        await front.Jobs.CancelAsync(id, "user:alice", Ct);
        var job = await front.Jobs.WaitAsync(id, "user:alice", null, Long, Ct);

        Assert.Equal(JobPhase.Aborted, job!.Phase);
        Assert.Equal("worker", job.RunBy);
        Assert.StartsWith("cancelled at ", job.Error, StringComparison.Ordinal);
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("das-hangfire-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
