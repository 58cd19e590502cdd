namespace Das.Vo.Uws;

/// <summary>The execution phase of a UWS job (UWS 1.1 section 2.1.3).</summary>
public enum UwsPhase
{
    /// <summary>Accepted, not yet started.</summary>
    Pending,
    /// <summary>Waiting for the service to run it.</summary>
    Queued,
    /// <summary>Running.</summary>
    Executing,
    /// <summary>Finished; results are available.</summary>
    Completed,
    /// <summary>Failed; the error summary says why.</summary>
    Error,
    /// <summary>Stopped by a client or the service.</summary>
    Aborted,
    /// <summary>The service does not know the phase.</summary>
    Unknown,
    /// <summary>Held by the service (waiting for a client action).</summary>
    Held,
    /// <summary>Suspended by the service.</summary>
    Suspended,
    /// <summary>Destroyed (archived results gone).</summary>
    Archived,
}
