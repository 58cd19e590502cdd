using Das.Jobs.Running;
using global::Hangfire;

namespace Das.Jobs.Hangfire;

/// <summary>Schedules jobs as Hangfire background jobs in PostgreSQL; any instance's Hangfire server may run them.</summary>
internal sealed class HangfireJobScheduler(IBackgroundJobClient client, JobExecutor executor) : IJobScheduler
{
    public ValueTask ScheduleAsync(string jobId, CancellationToken cancellationToken)
    {
        client.Enqueue<HangfireJobEntry>(entry => entry.RunAsync(jobId, CancellationToken.None));
        return ValueTask.CompletedTask;
    }

    public bool CancelLocal(string jobId) => executor.Cancel(jobId);
}
