using System.Globalization;
using System.Threading.Channels;
using Das.Jobs.Model;
using Das.Jobs.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Das.Jobs.Running;

/// <summary>
/// The default engine: a queue in this process with <see cref="JobOptions.Concurrency"/> workers. At start-up every
/// job the store still has as PENDING, QUEUED or EXECUTING was left by a previous run of this instance, which stopped
/// before finishing it: it becomes INTERRUPTED with the time of the restart, never silently lost or re-run.
/// </summary>
internal sealed class InProcessJobRunner(IJobStore store, JobExecutor executor, JobEvents events, IOptions<JobOptions> options, TimeProvider time)
    : BackgroundService, IJobScheduler
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var now = time.GetUtcNow();
        var stamp = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        foreach (var job in await store.ListInPhasesAsync([JobPhase.Pending, JobPhase.Queued, JobPhase.Executing], cancellationToken))
        {
            var interrupted = job with
            {
                Phase = JobPhase.Interrupted,
                Ended = now,
                Error = "interrupted by a restart at " + stamp + ": it was " + JobJson.PhaseName(job.Phase) + " when Das stopped; create it again to re-run it",
            };
            if (await store.UpdateAsync(interrupted, job.Phase, cancellationToken))
            {
                events.Publish(job.Id, job.Owner, JobPhase.Interrupted, job.Progress, interrupted.Error, now);
            }
        }
        _recovered.TrySetResult();
        await base.StartAsync(cancellationToken);
    }

    public async ValueTask ScheduleAsync(string jobId, CancellationToken cancellationToken)
    {
        await _recovered.Task.WaitAsync(cancellationToken);
        await _queue.Writer.WriteAsync(jobId, cancellationToken);
    }

    public bool CancelLocal(string jobId) => executor.Cancel(jobId);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, options.Value.Concurrency).Select(_ => WorkAsync(stoppingToken));
        return Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await executor.RunAsync(id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: jobs still queued stay QUEUED in the store and are reported interrupted at the next start.
        }
    }
}
