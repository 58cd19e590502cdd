using System.Collections.Concurrent;
using System.Globalization;
using Das.Jobs.Handlers;
using Das.Jobs.Model;
using Das.Jobs.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Das.Jobs.Running;

/// <summary>
/// Runs one stored job by id, whoever scheduled it (the in-process queue or a Hangfire server): moves it QUEUED to
/// EXECUTING (a compare-and-set, so a job cancelled meanwhile never starts), gives the handler a work directory and a
/// progress sink, writes progress to the store every <see cref="JobOptions.FlushInterval"/> and reads cancel
/// requests there, and records the end honestly: COMPLETED with results, ERROR with the handler's own message,
/// ABORTED when cancelled, INTERRUPTED when this process is stopping.
/// </summary>
public sealed partial class JobExecutor
{
    private readonly IJobStore _store;
    private readonly Dictionary<string, IJobHandler> _handlers;
    private readonly JobEvents _events;
    private readonly JobOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<JobExecutor> _log;
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);

    /// <summary>Creates the executor over the registered handlers.</summary>
    public JobExecutor(IJobStore store, IEnumerable<IJobHandler> handlers, JobEvents events, IOptions<JobOptions> options, TimeProvider time, ILogger<JobExecutor> log)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        _events = events;
        _options = options.Value;
        _time = time;
        _log = log;
    }

    /// <summary>This instance's name in <see cref="JobRecord.RunBy"/> (<see cref="JobOptions.ResolvedInstanceName"/>).</summary>
    public string InstanceName => _options.ResolvedInstanceName;

    /// <summary>The directory of a job's files.</summary>
    public string WorkDirectoryOf(string jobId) => Path.Combine(_options.ResolvedDirectory, jobId);

    /// <summary>Jobs running in this process now.</summary>
    public int RunningCount => _running.Count;

    /// <summary>Cancels the job when it runs in this process; false otherwise.</summary>
    public bool Cancel(string jobId)
    {
        if (_running.TryGetValue(jobId, out var running))
        {
            running.Cancellation.Cancel();
            return true;
        }
        return false;
    }

    /// <summary>Completes when the job no longer runs in this process (at once when it does not).</summary>
    public Task WhenNotRunningAsync(string jobId) => _running.TryGetValue(jobId, out var running) ? running.Finished.Task : Task.CompletedTask;

    /// <summary>Runs the job; returns when it reached a final phase (or was found not runnable). Never throws for the job's own failure.</summary>
    public async Task RunAsync(string jobId, CancellationToken stopping)
    {
        var job = await _store.GetAsync(jobId, CancellationToken.None);
        if (job is null || job.IsFinal)
        {
            return;
        }
        var now = _time.GetUtcNow();
        if (job.Phase == JobPhase.Executing)
        {
            // Handed out again (a Hangfire server died with it): say so rather than run it twice.
            var interrupted = job with
            {
                Phase = JobPhase.Interrupted,
                Ended = now,
                Error = string.Create(CultureInfo.InvariantCulture, $"interrupted: the instance running it ({job.RunBy ?? "unknown"}) stopped; noticed at {now:yyyy-MM-ddTHH:mm:ssZ}"),
            };
            if (await _store.UpdateAsync(interrupted, JobPhase.Executing, CancellationToken.None))
            {
                _events.Publish(job.Id, job.Owner, interrupted.Phase, interrupted.Progress, interrupted.Error, now);
            }
            return;
        }
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            await EndAsync(job, job.Phase, job with { Phase = JobPhase.Error, Ended = now, Error = "no handler for job kind '" + job.Kind + "' in this instance" });
            return;
        }
        var started = job with { Phase = JobPhase.Executing, Started = now, RunBy = InstanceName };
        if (!await _store.UpdateAsync(started, job.Phase, CancellationToken.None))
        {
            return; // cancelled or deleted meanwhile
        }
        var running = new Running(CancellationTokenSource.CreateLinkedTokenSource(stopping));
        _running[jobId] = running;
        try
        {
            _events.Publish(job.Id, job.Owner, JobPhase.Executing, null, null, now);
            await RunStartedAsync(started, handler, running, stopping);
        }
        finally
        {
            _running.TryRemove(jobId, out _);
            running.Cancellation.Dispose();
            running.Finished.TrySetResult();
        }
    }

    private async Task RunStartedAsync(JobRecord job, IJobHandler handler, Running running, CancellationToken stopping)
    {
        var directory = WorkDirectoryOf(job.Id);
        Directory.CreateDirectory(directory);
        var context = new JobContext(job.Id, job.Kind, job.Owner, job.Groups, job.Parameters, directory);
        var sink = new ProgressSink(this, job);
        using var flushStop = new CancellationTokenSource();
        var flusher = FlushLoopAsync(job, sink, running.Cancellation, flushStop.Token);
        JobRecord final;
        try
        {
            var results = await handler.RunAsync(context, sink, running.Cancellation.Token);
            final = job with { Phase = JobPhase.Completed, Results = [.. results], Progress = sink.Latest };
        }
        catch (Exception e) when (running.Cancellation.IsCancellationRequested)
        {
            var when = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            final = stopping.IsCancellationRequested
                ? job with { Phase = JobPhase.Interrupted, Progress = sink.Latest, Error = "interrupted by a shutdown of Das at " + when }
                : job with { Phase = JobPhase.Aborted, Progress = sink.Latest, Error = "cancelled at " + when };
            LogStopped(_log, e, job.Id);
        }
        catch (JobFailedException e)
        {
            final = job with { Phase = JobPhase.Error, Progress = sink.Latest, Error = e.Message, Results = [.. e.PartialResults] };
        }
#pragma warning disable CA1031 // the job boundary: any failure of a handler becomes the job's ERROR, recorded with its type
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(_log, e, job.Id, job.Kind);
            final = job with { Phase = JobPhase.Error, Progress = sink.Latest, Error = e.GetType().Name + ": " + e.Message };
        }
        await flushStop.CancelAsync();
        await flusher;
        await EndAsync(job, JobPhase.Executing, final with { Ended = _time.GetUtcNow() });
    }

    private async Task EndAsync(JobRecord job, JobPhase expected, JobRecord final)
    {
        if (await _store.UpdateAsync(final, expected, CancellationToken.None))
        {
            _events.Publish(job.Id, job.Owner, final.Phase, final.Progress, final.Error, final.Ended ?? _time.GetUtcNow());
        }
        else if (await _store.GetAsync(job.Id, CancellationToken.None) is null)
        {
            DeleteWorkDirectory(job.Id); // deleted while it ran
        }
    }

    /// <summary>Removes a job's files; true when there were any.</summary>
    public bool DeleteWorkDirectory(string jobId)
    {
        var directory = WorkDirectoryOf(jobId);
        if (!Directory.Exists(directory))
        {
            return false;
        }
        Directory.Delete(directory, recursive: true);
        return true;
    }

    private async Task FlushLoopAsync(JobRecord job, ProgressSink sink, CancellationTokenSource cancellation, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.FlushInterval, _time);
        JobProgress? written = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (sink.Latest is { } latest && !ReferenceEquals(latest, written))
                {
                    await _store.UpdateAsync(job with { Progress = latest }, JobPhase.Executing, stop);
                    written = latest;
                }
                if ((await _store.CancelRequestedAsync([job.Id], stop)).Count > 0)
                {
                    await cancellation.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the job ended
        }
    }

    private sealed class ProgressSink(JobExecutor executor, JobRecord job) : IProgress<JobProgress>
    {
        private JobProgress? _latest;

        public JobProgress? Latest => Volatile.Read(ref _latest);

        public void Report(JobProgress value)
        {
            Volatile.Write(ref _latest, value);
            executor._events.Publish(job.Id, job.Owner, JobPhase.Executing, value, null, executor._time.GetUtcNow());
        }
    }

    private sealed record Running(CancellationTokenSource Cancellation)
    {
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string jobId, string kind);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Job {JobId} stopped")]
    private static partial void LogStopped(ILogger logger, Exception exception, string jobId);
}
