namespace Das.Jobs.Model;

/// <summary>
/// Where a job is in its life, named as in IVOA UWS 1.1 (PENDING, QUEUED, EXECUTING, COMPLETED, ERROR, ABORTED),
/// plus <see cref="Interrupted"/>: the job was queued or running when the server stopped, and nobody finished it.
/// </summary>
public enum JobPhase
{
    /// <summary>Created, not yet handed to the runner.</summary>
    Pending,
    /// <summary>Waiting for a free slot of the runner.</summary>
    Queued,
    /// <summary>Running now.</summary>
    Executing,
    /// <summary>Finished; its results are available.</summary>
    Completed,
    /// <summary>Failed; <see cref="JobRecord.Error"/> says why (the handler's or the tool's own message).</summary>
    Error,
    /// <summary>Cancelled by its owner.</summary>
    Aborted,
    /// <summary>Was queued or running when the server stopped; the error says when. Not re-run on its own.</summary>
    Interrupted,
}
