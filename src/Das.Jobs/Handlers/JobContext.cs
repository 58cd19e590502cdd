using System.Text.Json;

namespace Das.Jobs.Handlers;

/// <summary>What a handler gets: which job, whose, with which parameters, and where to write.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Kind">The job's kind.</param>
/// <param name="Owner">The owner scope ("anonymous", "user:NAME"); results must never leak outside it.</param>
/// <param name="Groups">The owner's access groups when the job was created (restricted sources' data).</param>
/// <param name="Parameters">The parameters as given by the caller (a JSON object).</param>
/// <param name="WorkDirectory">A directory for this job only, created before <see cref="IJobHandler.RunAsync"/>; deleted with the job.</param>
public sealed record JobContext(
    string JobId,
    string Kind,
    string Owner,
    IReadOnlyList<string> Groups,
    JsonElement Parameters,
    string WorkDirectory);
