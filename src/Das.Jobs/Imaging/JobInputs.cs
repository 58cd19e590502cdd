using System.Globalization;
using System.Text.Json;
using Das.Jobs.Handlers;
using Das.Jobs.Model;
using Das.Jobs.Store;

namespace Das.Jobs.Imaging;

/// <summary>
/// The FITS images an imaging job works on: results of the caller's own completed jobs (downloads, uploads), named in
/// the parameters as <c>"inputs": ["JOBID", {"job": "JOBID", "result": "NAME"}, ...]</c>. A whole job contributes
/// each of its FITS results; another owner's job is "not found", as in the jobs API.
/// </summary>
internal static class JobInputs
{
    public const int MaxInputs = 1000;

    // Resolve keeps each file's result name after its path; Link turns them into links named by the result names.
    private const char NameSeparator = '\0';

    /// <summary>
    /// Links named after the results (the download store names files by hash) in the job's <c>inputs</c> folder, so
    /// Montage, Hipsgen and the mosaic's "used" list show the names users know.
    /// </summary>
    public static IReadOnlyList<string> Link(JobContext context, IReadOnlyList<string> resolved)
    {
        var folder = Path.Combine(context.WorkDirectory, "inputs");
        Directory.CreateDirectory(folder);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<string>(resolved.Count);
        foreach (var entry in resolved)
        {
            var parts = entry.Split(NameSeparator, 2);
            var name = parts[1];
            for (int n = 2; !names.Add(name); n++)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{n}-{parts[1]}");
            }
            var link = Path.Combine(folder, name);
            File.CreateSymbolicLink(link, parts[0]);
            links.Add(link);
        }
        return links;
    }

    public static async Task<(IReadOnlyList<string> Files, string? Problem)> ResolveAsync(JobContext context, IJobStore store, CancellationToken cancellationToken)
    {
        if (!context.Parameters.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() == 0)
        {
            return ([], "give \"inputs\": the ids of your completed download jobs, or [{\"job\": ID, \"result\": NAME}, ...]");
        }
        var files = new List<string>();
        int index = 0;
        foreach (var input in inputs.EnumerateArray())
        {
            index++;
            var at = "input " + index.ToString(CultureInfo.InvariantCulture);
            string? jobId = null, result = null;
            if (input.ValueKind == JsonValueKind.String)
            {
                jobId = input.GetString();
            }
            else if (input.ValueKind == JsonValueKind.Object)
            {
                jobId = input.TryGetProperty("job", out var j) && j.ValueKind == JsonValueKind.String ? j.GetString() : null;
                result = input.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            }
            if (string.IsNullOrWhiteSpace(jobId))
            {
                return ([], at + ": give a job id, or {\"job\": ID, \"result\": NAME}");
            }
            var job = await store.GetAsync(jobId, cancellationToken);
            if (job is null || !string.Equals(job.Owner, context.Owner, StringComparison.Ordinal))
            {
                return ([], $"{at}: no job {jobId}");
            }
            if (job.Phase != JobPhase.Completed)
            {
                return ([], $"{at}: job {jobId} is {job.Phase.ToString().ToUpperInvariant()}, not COMPLETED");
            }
            var chosen = job.Results.Where(r => r.Path is not null && (result is null ? IsFits(r) : string.Equals(r.Name, result, StringComparison.Ordinal))).ToList();
            if (chosen.Count == 0)
            {
                return ([], result is null ? $"{at}: job {jobId} has no FITS result" : $"{at}: job {jobId} has no result {result}");
            }
            files.AddRange(chosen.Select(r => r.Path! + NameSeparator + r.Name));
            if (files.Count > MaxInputs)
            {
                return ([], string.Create(CultureInfo.InvariantCulture, $"at most {MaxInputs} images per job"));
            }
        }
        return (files, null);
    }

    private static bool IsFits(JobResult result) =>
        result.MediaType is "application/fits" or "image/fits"
        || result.Name.EndsWith(".fits", StringComparison.OrdinalIgnoreCase)
        || result.Name.EndsWith(".fit", StringComparison.OrdinalIgnoreCase)
        || result.Name.EndsWith(".fts", StringComparison.OrdinalIgnoreCase);

    /// <summary>A build's progress as the job's: the fraction, and "step n of N (name): message".</summary>
    /// <summary>What both imaging kinds do before their tool runs: the inputs resolved and linked under their
    /// result names, then the request parsed over them; any problem fails the job with its sentence.</summary>
    public static async Task<TRequest> PrepareAsync<TRequest>(JobContext context, IJobStore store,
        Func<JobContext, IReadOnlyList<string>, (TRequest? Request, string? Problem)> parse, CancellationToken cancellationToken)
        where TRequest : class
    {
        var (files, problem) = await ResolveAsync(context, store, cancellationToken);
        if (problem is not null)
        {
            throw new JobFailedException(problem);
        }
        var (request, bad) = parse(context, Link(context, files));
        return request ?? throw new JobFailedException(bad!);
    }

    public static IProgress<Das.Imaging.ImagingProgress> ToJob(IProgress<JobProgress> progress) => new Adapter(progress);

    /// <summary>The user's message for a build's failure, as a job failure.</summary>
    public static JobFailedException Failure(Exception ex) => new(ex.Message, ex);

    private sealed class Adapter(IProgress<JobProgress> inner) : IProgress<Das.Imaging.ImagingProgress>
    {
        public void Report(Das.Imaging.ImagingProgress value) => inner.Report(new JobProgress(value.Fraction,
            string.Create(CultureInfo.InvariantCulture, $"step {value.StepNumber} of {value.StepCount} ({value.Step}): {value.Message}")));
    }
}
