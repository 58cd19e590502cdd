using System.Runtime.CompilerServices;
using Das.Jobs.Running;
using Microsoft.AspNetCore.SignalR;

namespace Das.Web.Jobs;

/// <summary>
/// Live job progress: <c>connection.stream("Watch", jobId)</c> yields every change of the caller's job (all the
/// caller's jobs when jobId is null): phase changes and progress (bytes, rate, ETA, per file), with a sequence
/// number per job. The stream starts with the job's current state, so a page that connects late misses nothing
/// that matters.
/// </summary>
public sealed class JobsHub(JobService jobs, JobEvents events) : Hub
{
    /// <summary>Streams the changes of one job, or of all the caller's jobs.</summary>
    public async IAsyncEnumerable<JobEventView> Watch(string? jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var owner = JobsApi.Owner(Context.GetHttpContext()!);
        using var live = events.Watch(owner, jobId);
        if (jobId is not null)
        {
            var job = await jobs.GetAsync(jobId, owner, cancellationToken);
            if (job is null)
            {
                yield break;
            }
            yield return new JobEventView(job.Id, 0, Das.Jobs.Store.JobJson.PhaseName(job.Phase), job.Progress, job.Error, job.Ended ?? job.Started ?? job.Created);
            if (job.IsFinal)
            {
                yield break;
            }
        }
        await foreach (var e in live.ReadAllAsync(cancellationToken))
        {
            yield return JobEventView.Of(e);
            if (jobId is not null && e.Phase is Das.Jobs.Model.JobPhase.Completed or Das.Jobs.Model.JobPhase.Error or Das.Jobs.Model.JobPhase.Aborted or Das.Jobs.Model.JobPhase.Interrupted)
            {
                yield break;
            }
        }
    }
}
