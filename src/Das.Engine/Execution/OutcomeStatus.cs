namespace Das.Engine.Execution;

/// <summary>How a source's part of a query ended.</summary>
public enum OutcomeStatus
{
    /// <summary>Rows came back, all of them.</summary>
    Ok,
    /// <summary>The source answered, with no rows.</summary>
    Empty,
    /// <summary>Rows came back, but not all of them (row limit, byte cap, connection dropped); the message says which.</summary>
    Truncated,
    /// <summary>No usable answer; the message says why.</summary>
    Failed,
    /// <summary>No complete answer within the source's time budget.</summary>
    TimedOut,
    /// <summary>Not asked, for the reason given (no coverage at the position, restricted data, the caller left).</summary>
    Skipped,
}
