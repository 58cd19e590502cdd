namespace Das.Jobs.Model;

/// <summary>
/// One change of a job, as published to watchers (the SignalR hub): a phase change, or new progress. Sequence numbers
/// grow by one per job, so a watcher can tell that events arrive in order and none were skipped by the publisher.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Owner">The owner scope: only watchers of this scope receive it.</param>
/// <param name="Sequence">1, 2, 3, ... per job.</param>
/// <param name="Phase">The phase after this change.</param>
/// <param name="Progress">The latest progress, when there is one.</param>
/// <param name="Error">The error, in ERROR, ABORTED and INTERRUPTED.</param>
/// <param name="Time">When the change happened (the runner's TimeProvider).</param>
public sealed record JobEvent(
    string JobId,
    string Owner,
    long Sequence,
    JobPhase Phase,
    JobProgress? Progress,
    string? Error,
    DateTimeOffset Time);
