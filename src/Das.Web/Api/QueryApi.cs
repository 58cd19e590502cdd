using System.Security.Claims;
using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Sources.Catalog;
using Das.Tables.Writers;
using Das.Vo.Http;
using Das.Vo.NameResolution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Das.Web.Api;

/// <summary>The HTTP API for programs: queries (whole, streamed, one source's table), the catalogue, name resolution.</summary>
public static class QueryApi
{
    private const string NdJson = "application/x-ndjson";

    /// <summary>Maps the endpoints under /api.</summary>
    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api");
        api.MapGet("/sources", Sources)
            .WithName("Sources").WithSummary("The source catalogue.");
        api.MapGet("/resolve", ResolveAsync)
            .WithName("Resolve").WithSummary("Resolve an object name (Sesame: SIMBAD, NED, VizieR; then SIMBAD TAP).");
        api.MapGet("/query/stream", StreamAsync)
            .WithName("QueryStream").WithSummary("Ask every selected source; NDJSON, a start line then one outcome per line as each source completes.");
        api.MapGet("/query", QueryAsync)
            .WithName("Query").WithSummary("Ask every selected source; all results when complete, as JSON (default), VOTable (one RESOURCE per source), or by Accept.");
        api.MapGet("/query/table", TableAsync)
            .WithName("QueryTable").WithSummary("One source's table for a query, as csv, votable, json or xlsx (what the query got when it ran here lately; otherwise that source is asked).");
        api.MapGet("/query/export", ExportAsync)
            .WithName("QueryExport").WithSummary("A whole query as one download: votable (a RESOURCE per source), xlsx (a sheet per source), json, or csv (a ZIP of one CSV per source and outcomes.csv); from what the query got when it ran here lately.");
        return app;
    }

    /// <summary>Who is asking: an authenticated user's "group" claims; anonymous callers see public data only.</summary>
    public static AccessContext Access(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true
            ? AccessContext.ForGroups(user.Identity.Name, [.. user.FindAll("group").Select(c => c.Value)])
            : AccessContext.Anonymous;
    }

    internal static IEnumerable<KeyValuePair<string, string?>> Parameters(HttpRequest request) =>
        request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));

    private static Ok<SourceInfo[]> Sources(SourceCatalog catalog) => TypedResults.Ok(catalog.Sources.Select(s => s.Descriptor).Select(d => new SourceInfo(
        d.Id, d.Title, d.Kind.ToString(), d.Protocol, d.Host, d.IsDefault, d.Aliases, d.Budget.TotalSeconds, d.CacheLifetime.TotalSeconds,
        d.AccessGroup, d.Description)).ToArray());

    private static async Task<IResult> ResolveAsync(string? name, NameResolver resolver, NameResolverServices services, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200 || name.Any(char.IsControl))
        {
            return BadParameter("name", "give an object name of at most 200 printable characters");
        }
        var r = await resolver.ResolveAsync(name, services, new VoCallOptions { Budget = TimeSpan.FromSeconds(15) }, ct);
        return TypedResults.Ok(new
        {
            name = r.Name,
            status = r.Status.ToString(),
            ra = r.RaDeg,
            dec = r.DecDeg,
            objectName = r.ObjectName,
            objectType = r.ObjectType,
            resolvedBy = r.ResolvedBy,
            candidates = r.Candidates,
            messages = r.Messages,
        });
    }

    private static async Task StreamAsync(HttpContext context, QueryService queries)
    {
        var ct = context.RequestAborted;
        var access = Access(context.User);
        var prepared = await queries.PrepareAsync(Parameters(context.Request), access, ct);
        if (prepared.Errors.Count > 0)
        {
            await TypedResults.BadRequest(StreamJson.Errors(prepared.Errors)).ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = NdJson;
        context.Response.Headers.CacheControl = "no-store";
        // Each line goes out as soon as it is written: no response buffering between the engine and the client.
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = context.Response.Body;
        await body.WriteAsync(StreamJson.StartLine(prepared), ct);
        await body.FlushAsync(ct);
        await foreach (var outcome in queries.RunAsync(prepared, access, ct))
        {
            await OutcomeJson.WriteLineAsync(body, outcome, includeTable: true, null, ct);
        }
    }

    private static async Task QueryAsync(HttpContext context, QueryService queries, string? format)
    {
        var ct = context.RequestAborted;
        var access = Access(context.User);
        format ??= context.Request.Headers.Accept.ToString().Contains("votable", StringComparison.OrdinalIgnoreCase) ? "votable" : "json";
        if (format is not ("json" or "votable"))
        {
            await BadParameter("format", $"format '{format}' must be json or votable").ExecuteAsync(context);
            return;
        }
        var prepared = await queries.PrepareAsync(Parameters(context.Request), access, ct);
        if (prepared.Errors.Count > 0)
        {
            await TypedResults.BadRequest(StreamJson.Errors(prepared.Errors)).ExecuteAsync(context);
            return;
        }
        var outcomes = new List<SourceOutcome>();
        await foreach (var outcome in queries.RunAsync(prepared, access, ct))
        {
            outcomes.Add(outcome);
        }
        context.Response.ContentType = QueryExports.Formats[format].MediaType;
        await QueryExports.WriteAsync(format, context.Response.Body, prepared, outcomes, ct);
    }

    private static async Task ExportAsync(HttpContext context, QueryService queries, string? format)
    {
        var ct = context.RequestAborted;
        var access = Access(context.User);
        format ??= "votable";
        if (!QueryExports.Formats.TryGetValue(format, out var kind))
        {
            await BadParameter("format", $"format '{format}' must be votable, xlsx, json or csv").ExecuteAsync(context);
            return;
        }
        var prepared = await queries.PrepareAsync(Parameters(context.Request), access, ct);
        if (prepared.Errors.Count > 0)
        {
            await TypedResults.BadRequest(StreamJson.Errors(prepared.Errors)).ExecuteAsync(context);
            return;
        }
        var outcomes = await queries.ResultsAsync(prepared, access, ct);
        context.Response.ContentType = kind.MediaType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{QueryExports.DownloadName(prepared, kind.Extension)}\"";
        await QueryExports.WriteAsync(format, context.Response.Body, prepared, outcomes, ct);
    }

    private static async Task TableAsync(HttpContext context, QueryService queries, string? source, string? format)
    {
        var ct = context.RequestAborted;
        var access = Access(context.User);
        var tableFormat = TableFormat.FromName(format ?? TableFormat.VoTable.Name);
        if (tableFormat is null)
        {
            await BadParameter("format", $"format '{format}' must be csv, votable, json or xlsx").ExecuteAsync(context);
            return;
        }
        if (string.IsNullOrWhiteSpace(source))
        {
            await BadParameter("source", "name the source whose table you want").ExecuteAsync(context);
            return;
        }
        var prepared = await queries.PrepareAsync(Parameters(context.Request), access, ct);
        if (prepared.Errors.Count > 0)
        {
            await TypedResults.BadRequest(StreamJson.Errors(prepared.Errors)).ExecuteAsync(context);
            return;
        }
        // The source must be one the query asks (a CAT, VIZ or default source of these parameters).
        var chosen = prepared.Sources.Where(s => s.Descriptor.Id.Equals(source, StringComparison.OrdinalIgnoreCase)
            || s.Descriptor.Aliases.Contains(source, StringComparer.OrdinalIgnoreCase)).Take(1).ToList();
        if (chosen.Count == 0)
        {
            await BadParameter("source", $"source '{source}' is not asked by this query (add it with CAT= or VIZ=)").ExecuteAsync(context);
            return;
        }
        var results = await queries.ResultsAsync(prepared with { Sources = chosen }, access, ct);
        var outcome = results.Count > 0 ? results[0] : null;
        if (outcome?.Table is not { } table)
        {
            await TypedResults.Problem(outcome?.Message ?? "no answer", statusCode: StatusCodes.Status502BadGateway).ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = tableFormat.MediaType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{QueryExports.FileName(outcome.Source.Id)}{tableFormat.Extension}\"";
        await tableFormat.WriteTableAsync(context.Response.Body, table, ct);
    }

    internal static BadRequest<ParameterErrors> BadParameter(string parameter, string message) =>
        TypedResults.BadRequest(new ParameterErrors([new ParameterError(parameter, message)]));
}

/// <summary>A 400 body: <c>{"errors":[{"parameter","message"}]}</c>.</summary>
public sealed record ParameterErrors(IReadOnlyList<ParameterError> Errors);

/// <summary>One bad parameter and what is wrong with it.</summary>
public sealed record ParameterError(string Parameter, string Message);

/// <summary>A source as /api/sources lists it.</summary>
public sealed record SourceInfo(string Id, string Title, string Kind, string Protocol, string Host, bool IsDefault,
    IReadOnlyList<string> Aliases, double BudgetSeconds, double CacheSeconds, string? AccessGroup, string? Description);
