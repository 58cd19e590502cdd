namespace Das.Jobs.Running;

/// <summary>Hands a stored, QUEUED job to whatever runs jobs: the in-process queue, or Hangfire.</summary>
public interface IJobScheduler
{
    /// <summary>Schedules the job; it runs when a slot is free.</summary>
    ValueTask ScheduleAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Stops the job now when it runs in this process; false when it does not run here.</summary>
    bool CancelLocal(string jobId);
}
