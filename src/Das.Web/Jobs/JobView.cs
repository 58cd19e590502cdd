using System.Text.Json;
using Das.Jobs.Model;
using Das.Jobs.Store;

namespace Das.Web.Jobs;

/// <summary>A job as the API and the hub show it: UWS phase names, result links instead of server paths.</summary>
public sealed record JobView(
    string Id,
    string Kind,
    string Phase,
    JsonElement Parameters,
    JobProgress? Progress,
    IReadOnlyList<JobResultView> Results,
    string? Error,
    DateTimeOffset Created,
    DateTimeOffset? Started,
    DateTimeOffset? Ended,
    string? RunBy)
{
    /// <summary>The view of a record.</summary>
    public static JobView Of(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobView(job.Id, job.Kind, JobJson.PhaseName(job.Phase), job.Parameters, job.Progress,
            [.. job.Results.Select(r => new JobResultView(r.Name, r.MediaType, r.Size, r.Url ?? ResultUrl(job.Id, r.Name), r.Source))],
            job.Error, job.Created, job.Started, job.Ended, job.RunBy);
    }

    /// <summary>Where a result file is served.</summary>
    public static string ResultUrl(string jobId, string name) => "/api/jobs/" + jobId + "/results/" + Uri.EscapeDataString(name);
}

/// <summary>One result: its name, type, size, where to get it, and where it came from.</summary>
public sealed record JobResultView(string Name, string MediaType, long? Size, string Url, string? Source);

/// <summary>One live change of a job, as the hub sends it.</summary>
public sealed record JobEventView(string JobId, long Sequence, string Phase, JobProgress? Progress, string? Error, DateTimeOffset Time)
{
    /// <summary>The view of an event.</summary>
    public static JobEventView Of(JobEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new JobEventView(e.JobId, e.Sequence, JobJson.PhaseName(e.Phase), e.Progress, e.Error, e.Time);
    }
}
