namespace Das.Vo.Uws;

/// <summary>What a UWS job document says about a job.</summary>
public sealed record UwsJobInfo
{
    /// <summary>The jobId element.</summary>
    public required string JobId { get; init; }
    /// <summary>The phase.</summary>
    public required UwsPhase Phase { get; init; }
    /// <summary>The phase text as sent (useful when it was not one we know).</summary>
    public string PhaseText { get; init; } = "";
    /// <summary>The ownerId, when not nil.</summary>
    public string? OwnerId { get; init; }
    /// <summary>The quote (estimated completion time), when given.</summary>
    public DateTimeOffset? Quote { get; init; }
    /// <summary>creationTime.</summary>
    public DateTimeOffset? CreationTime { get; init; }
    /// <summary>startTime.</summary>
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>endTime.</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>executionDuration in seconds (0 = unlimited).</summary>
    public long? ExecutionDurationSeconds { get; init; }
    /// <summary>destruction time.</summary>
    public DateTimeOffset? Destruction { get; init; }
    /// <summary>Parameters by id (lower-cased as services vary in case); value null where empty.</summary>
    public IReadOnlyDictionary<string, string?> Parameters { get; init; } = new Dictionary<string, string?>();
    /// <summary>Results: id and href.</summary>
    public IReadOnlyList<UwsResultLink> Results { get; init; } = [];
    /// <summary>The error summary's message, when the job is in ERROR.</summary>
    public string? ErrorMessage { get; init; }
    /// <summary>The error summary's type attribute (transient or fatal).</summary>
    public string? ErrorType { get; init; }
    /// <summary>True when the error summary says a detailed error document exists (at job/error).</summary>
    public bool ErrorHasDetail { get; init; }

    /// <summary>True when the job will not change phase any more.</summary>
    public bool IsFinal => Phase is UwsPhase.Completed or UwsPhase.Error or UwsPhase.Aborted or UwsPhase.Archived;
}
