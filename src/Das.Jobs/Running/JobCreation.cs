using Das.Jobs.Model;

namespace Das.Jobs.Running;

/// <summary>What came of a request to create a job: the job, or why it was refused (a message for the caller).</summary>
/// <param name="Job">The job created (QUEUED), or null.</param>
/// <param name="Problem">Why no job was created, or null.</param>
public sealed record JobCreation(JobRecord? Job, string? Problem);
