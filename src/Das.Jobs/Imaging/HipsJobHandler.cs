using System.Text.Json;
using Das.Imaging;
using Das.Imaging.Hips;
using Das.Imaging.Tools;
using Das.Jobs.Handlers;
using Das.Jobs.Model;
using Das.Jobs.Store;

namespace Das.Jobs.Imaging;

/// <summary>
/// Job kind "hips": a HiPS from FITS images (results of the caller's download or upload jobs) built by Hipsgen,
/// validated by its LINT and CHECK, and kept in the HiPS cache by the sha256 of the owner's scope, the parameters and
/// the images' bytes, so the same images make one HiPS. Parameters: <c>{"inputs": [JOBID or {"job", "result"}],
/// "title": "...", "order": 3-29, "pixelCut": "min max [log]", "preview": "png|jpeg"}</c> (all but inputs optional).
/// The result "hips" is the folder, served to Aladin Lite at <c>/hips-jobs/{key}/</c> to its owner.
/// </summary>
internal sealed class HipsJobHandler(HipsCache cache, IJobStore store) : IJobHandler
{
    public const string KindName = "hips";

    /// <summary>The URL path a cached HiPS is served under (see Das.Web).</summary>
    public const string UrlPrefix = "/hips-jobs/";

    public string Kind => KindName;

    /// <summary>The cache scope of a job owner's HiPS: only that owner may open it.</summary>
    public static string ScopeOf(JobContext context) => "owner:" + context.Owner;

    public async ValueTask<string?> CheckAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (request, problem) = Parse(context, []);
        if (request is null)
        {
            return problem;
        }
        try
        {
            HipsBuilder.HipsgenArguments(request, null, 1);
        }
        catch (ImagingInputException ex)
        {
            return ex.Message;
        }
        return (await JobInputs.ResolveAsync(context, store, cancellationToken)).Problem;
    }

    public async Task<IReadOnlyList<JobResult>> RunAsync(JobContext context, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = await JobInputs.PrepareAsync(context, store, Parse, cancellationToken);
        HipsBuild build;
        try
        {
            build = await cache.GetOrBuildAsync(request, JobInputs.ToJob(progress), cancellationToken);
        }
        catch (Exception ex) when (ex is ImagingInputException or ToolMissingException or ToolFailedException)
        {
            throw JobInputs.Failure(ex);
        }
        var url = UrlPrefix + build.Key + "/";
        var note = build.FromCache ? " (from the cache)" : "";
        return
        [
            new JobResult("hips", build.Directory, "application/x-hips", null, url, build.Command + note),
            new JobResult("properties", Path.Combine(build.Directory, "properties"), "text/plain",
                new FileInfo(Path.Combine(build.Directory, "properties")).Length, url + "properties", "Hipsgen"),
        ];
    }

    private static (HipsRequest? Request, string? Problem) Parse(JobContext context, IReadOnlyList<string> files)
    {
        var p = context.Parameters;
        string? Text(string name) => p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? order = null;
        if (p.TryGetProperty("order", out var o) && o.ValueKind != JsonValueKind.Null)
        {
            if (o.ValueKind != JsonValueKind.Number || !o.TryGetInt32(out var value))
            {
                return (null, "order must be a whole number (HEALPix order 3 to 29)");
            }
            order = value;
        }
        var request = new HipsRequest
        {
            Inputs = files,
            Scope = ScopeOf(context),
            Title = Text("title"),
            Order = order,
            PixelCut = Text("pixelCut"),
            PreviewFormat = Text("preview") ?? "png",
        };
        return (request, null);
    }
}
