using Das.Jobs.Running;
using global::Hangfire;

namespace Das.Jobs.Hangfire;

/// <summary>
/// What Hangfire runs: one Das job by id, through the same <see cref="JobExecutor"/> as the in-process engine.
/// Never retried by Hangfire: a failure is the job's ERROR; a job handed out again after its server died is
/// recorded as INTERRUPTED by the executor rather than run twice. Public because Hangfire activates it.
/// </summary>
public sealed class HangfireJobEntry(JobExecutor executor)
{
    /// <summary>Runs the job; Hangfire's shutdown token stops it (recorded as interrupted by a shutdown).</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunAsync(string jobId, CancellationToken cancellationToken) => executor.RunAsync(jobId, cancellationToken);
}
