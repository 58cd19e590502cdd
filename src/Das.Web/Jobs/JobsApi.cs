using System.Text.Json;
using Das.Jobs.Model;
using Das.Jobs.Running;
using Das.Jobs.Store;
using Das.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Das.Web.Jobs;

/// <summary>
/// Jobs over HTTP, after IVOA UWS: POST /api/jobs creates ({kind, parameters}) and runs at once; GET lists the
/// caller's jobs; GET /api/jobs/{id} shows phase, progress and results (with ?wait=SECONDS it blocks, as UWS WAIT,
/// until the phase changes); /phase as plain text; POST /phase PHASE=ABORT or POST /cancel cancels; DELETE removes
/// the job and its files; /results/{name} streams a result file (Range supported). Jobs are visible only to their
/// owner scope; another owner's job is "not found".
/// </summary>
public static class JobsApi
{
    /// <summary>Maps the endpoints under /api/jobs.</summary>
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/jobs").WithTags("Jobs");
        api.MapPost("/", CreateAsync).WithName("CreateJob")
            .WithSummary("Create a job: {\"kind\": \"download\", \"parameters\": {\"files\": [{\"url\": ...}]}}; it is queued at once. 201 with the job, 400 with the reason.");
        api.MapGet("/", ListAsync).WithName("ListJobs").WithSummary("The caller's jobs, newest first, and the kinds this server runs.");
        api.MapGet("/{id}", GetAsync).WithName("GetJob")
            .WithSummary("One job: phase, progress (bytes, rate, ETA, per file), results, error. ?wait=N blocks up to N seconds (at most 60) until the phase changes (UWS WAIT).");
        api.MapGet("/{id}/phase", PhaseAsync).WithName("GetJobPhase").WithSummary("The job's phase as plain text (UWS).");
        api.MapPost("/{id}/phase", PostPhaseAsync).WithName("PostJobPhase").DisableAntiforgery()
            .WithSummary("PHASE=ABORT (form or query) cancels the job (UWS); PHASE=RUN is accepted and does nothing (jobs run at once).");
        api.MapPost("/{id}/cancel", CancelAsync).WithName("CancelJob").WithSummary("Cancel the job; a queued job is aborted at once, a running one when its handler stops.");
        api.MapDelete("/{id}", DeleteAsync).WithName("DeleteJob").WithSummary("Cancel if running, then delete the job and its own files.");
        api.MapGet("/{id}/results/{name}", ResultAsync).WithName("GetJobResult").WithSummary("A result file of the job (Range requests supported).");
        return app;
    }

    internal static string Owner(HttpContext context) => JobOwner.Of(QueryApi.Access(context.User));

    private static async Task<IResult> CreateAsync(HttpContext context, JobService jobs, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct);
            body = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Problem("body", "send a JSON object {\"kind\": ..., \"parameters\": {...}}: " + e.Message);
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Problem("body", "send a JSON object {\"kind\": ..., \"parameters\": {...}}");
        }
        var kind = body.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var parameters = body.TryGetProperty("parameters", out var p) ? p : default;
        var created = await jobs.CreateAsync(kind, parameters, QueryApi.Access(context.User), ct);
        if (created.Job is not { } job)
        {
            return Problem(kind is null ? "kind" : "parameters", created.Problem!);
        }
        return TypedResults.Created("/api/jobs/" + job.Id, JobView.Of(job));
    }

    private static async Task<Ok<JobList>> ListAsync(HttpContext context, JobService jobs, CancellationToken ct)
    {
        var list = await jobs.ListAsync(Owner(context), ct);
        return TypedResults.Ok(new JobList([.. jobs.Kinds.Order(StringComparer.Ordinal)], [.. list.Select(JobView.Of)]));
    }

    private static async Task<IResult> GetAsync(string id, double? wait, string? phase, HttpContext context, JobService jobs, CancellationToken ct)
    {
        var owner = Owner(context);
        JobRecord? job;
        if (wait is { } seconds && seconds > 0)
        {
            if (phase is not null && JobJson.ParsePhase(phase) is null)
            {
                return Problem("phase", "unknown phase '" + phase + "'");
            }
            job = await jobs.WaitAsync(id, owner, JobJson.ParsePhase(phase), TimeSpan.FromSeconds(Math.Min(seconds, 60)), ct);
        }
        else
        {
            job = await jobs.GetAsync(id, owner, ct);
        }
        return job is null ? NotFound(id) : TypedResults.Ok(JobView.Of(job));
    }

    private static async Task<IResult> PhaseAsync(string id, HttpContext context, JobService jobs, CancellationToken ct) =>
        await jobs.GetAsync(id, Owner(context), ct) is { } job ? TypedResults.Text(JobJson.PhaseName(job.Phase)) : NotFound(id);

    private static async Task<IResult> PostPhaseAsync(string id, HttpContext context, JobService jobs, CancellationToken ct)
    {
        string? phase = context.Request.Query["PHASE"];
        if (phase is null && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(ct);
            phase = form["PHASE"];
        }
        if (string.Equals(phase, "ABORT", StringComparison.OrdinalIgnoreCase))
        {
            return await CancelAsync(id, context, jobs, ct);
        }
        if (string.Equals(phase, "RUN", StringComparison.OrdinalIgnoreCase))
        {
            return await jobs.GetAsync(id, Owner(context), ct) is { } job ? TypedResults.Ok(JobView.Of(job)) : NotFound(id);
        }
        return Problem("PHASE", "PHASE must be RUN or ABORT");
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext context, JobService jobs, CancellationToken ct) =>
        await jobs.CancelAsync(id, Owner(context), ct) is { } job ? TypedResults.Ok(JobView.Of(job)) : NotFound(id);

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, JobService jobs, CancellationToken ct) =>
        await jobs.DeleteAsync(id, Owner(context), ct) ? TypedResults.NoContent() : NotFound(id);

    private static async Task<IResult> ResultAsync(string id, string name, HttpContext context, JobService jobs, CancellationToken ct)
    {
        var job = await jobs.GetAsync(id, Owner(context), ct);
        if (job is null)
        {
            return NotFound(id);
        }
        var result = job.Results.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));
        if (result is null)
        {
            return TypedResults.NotFound(new { errors = new[] { new { parameter = "name", message = "job " + id + " has no result named '" + name + "'" } } });
        }
        if (result.Path is null || Directory.Exists(result.Path))
        {
            return result.Url is { } url ? TypedResults.Redirect(url) : Problem("name", "result '" + name + "' is not a single file");
        }
        if (!File.Exists(result.Path))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "evicted",
                detail: "'" + name + "' has left the download store (least recently used, over Das:Downloads:DiskBudgetMegabytes); run the job again");
        }
        return TypedResults.PhysicalFile(result.Path, result.MediaType, name, enableRangeProcessing: true);
    }

    private static BadRequest<ErrorList> Problem(string parameter, string message) =>
        TypedResults.BadRequest(new ErrorList([new ParameterError(parameter, message)]));

    private static NotFound<ErrorList> NotFound(string id) =>
        TypedResults.NotFound(new ErrorList([new ParameterError("id", "no job " + id + " for this caller")]));

    /// <summary>The list answer.</summary>
    public sealed record JobList(IReadOnlyList<string> Kinds, IReadOnlyList<JobView> Jobs);

    /// <summary>Errors, one per bad parameter, as the query API answers them.</summary>
    public sealed record ErrorList(IReadOnlyList<ParameterError> Errors);

    /// <summary>One bad parameter and why.</summary>
    public sealed record ParameterError(string Parameter, string Message);
}
