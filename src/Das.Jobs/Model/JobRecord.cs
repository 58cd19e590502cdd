using System.Text.Json;

namespace Das.Jobs.Model;

/// <summary>A job as stored: what was asked, by whom, where it is, and what came of it. Immutable; the runner stores new copies.</summary>
public sealed record JobRecord
{
    /// <summary>The job's id (32 lower-case hex digits, random).</summary>
    public required string Id { get; init; }

    /// <summary>The handler kind ("download").</summary>
    public required string Kind { get; init; }

    /// <summary>The owner scope ("anonymous", "user:NAME"): only callers of this scope see the job.</summary>
    public required string Owner { get; init; }

    /// <summary>The owner's access groups when the job was created.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The parameters as given (a JSON object).</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>The phase now.</summary>
    public JobPhase Phase { get; init; } = JobPhase.Pending;

    /// <summary>The latest progress reported; null before the first.</summary>
    public JobProgress? Progress { get; init; }

    /// <summary>The products, once completed (a failed or cancelled download job keeps the files that did arrive).</summary>
    public IReadOnlyList<JobResult> Results { get; init; } = [];

    /// <summary>Why it failed, was aborted or interrupted; null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>When it started executing.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>When it reached a final phase.</summary>
    public DateTimeOffset? Ended { get; init; }

    /// <summary>Which Das instance ran it (machine name and process id), for several instances sharing a store.</summary>
    public string? RunBy { get; init; }

    /// <summary>True for COMPLETED, ERROR, ABORTED and INTERRUPTED: nothing will change it any more.</summary>
    public bool IsFinal => Phase is JobPhase.Completed or JobPhase.Error or JobPhase.Aborted or JobPhase.Interrupted;
}
