using System.Security.Claims;
using System.Text.Json;
using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Sources.Catalog;
using Das.Tables.Model;
using Das.Tables.Writers;
using Das.Tables.Writers.VoTable;
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
            .WithName("QueryTable").WithSummary("One source's table for a query, as csv, votable, json or xlsx (served from the cache when the query ran).");
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
            return TypedResults.BadRequest(new { errors = new[] { new { parameter = "name", message = "give an object name of at most 200 printable characters" } } });
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
            await TypedResults.BadRequest(new { errors = new[] { new { parameter = "format", message = $"format '{format}' must be json or votable" } } }).ExecuteAsync(context);
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
        var body = context.Response.Body;
        if (format == "votable")
        {
            context.Response.ContentType = VoTableWriter.MediaType;
            var document = MultiSourceDocument.Create(outcomes.Select(ToSourceTable), Describe(prepared));
            await VoTableWriter.WriteAsync(body, document, null, ct);
            return;
        }
        context.Response.ContentType = "application/json";
        var head = new MemoryStream();
        await using (var json = new Utf8JsonWriter(head))
        {
            json.WriteStartObject();
            StreamJson.WriteQuery(json, prepared);
            StreamJson.WriteStrings(json, "problems", prepared.Problems);
            json.WritePropertyName("outcomes");
            json.WriteStartArray();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        // Close the writer's "outcomes":[] open again and fill it with one OutcomeJson object per source.
        var bytes = head.ToArray();
        await body.WriteAsync(bytes.AsMemory(0, bytes.Length - 2), ct);
        for (int i = 0; i < outcomes.Count; i++)
        {
            if (i > 0)
            {
                await body.WriteAsync(","u8.ToArray(), ct);
            }
            await OutcomeJson.WriteLineAsync(body, outcomes[i], includeTable: true, null, ct);
        }
        await body.WriteAsync("]}"u8.ToArray(), ct);
    }

    private static async Task TableAsync(HttpContext context, QueryService queries, string? source, string? format)
    {
        var ct = context.RequestAborted;
        var access = Access(context.User);
        var tableFormat = TableFormat.FromName(format ?? TableFormat.VoTable.Name);
        if (tableFormat is null)
        {
            await TypedResults.BadRequest(new { errors = new[] { new { parameter = "format", message = $"format '{format}' must be csv, votable, json or xlsx" } } }).ExecuteAsync(context);
            return;
        }
        if (string.IsNullOrWhiteSpace(source))
        {
            await TypedResults.BadRequest(new { errors = new[] { new { parameter = "source", message = "name the source whose table you want" } } }).ExecuteAsync(context);
            return;
        }
        var prepared = await queries.PrepareAsync(Parameters(context.Request).Where(p => !p.Key.Equals("CAT", StringComparison.OrdinalIgnoreCase))
            .Append(new("CAT", source)).Append(new("IMG", "0")), access, ct);
        if (prepared.Errors.Count > 0 || prepared.Problems.Count > 0)
        {
            await TypedResults.BadRequest(new { errors = prepared.Errors.Select(e => new { parameter = e.Parameter, message = e.Message }).Concat(prepared.Problems.Select(p => new { parameter = "source", message = p })) }).ExecuteAsync(context);
            return;
        }
        var only = prepared with { Sources = [.. prepared.Sources.Where(s => s.Descriptor.Id.Equals(source, StringComparison.OrdinalIgnoreCase) || s.Descriptor.Aliases.Contains(source, StringComparer.OrdinalIgnoreCase))] };
        SourceOutcome? outcome = null;
        await foreach (var o in queries.RunAsync(only, access, ct))
        {
            outcome = o;
        }
        if (outcome?.Table is not { } table)
        {
            await TypedResults.Problem(outcome?.Message ?? "no answer", statusCode: StatusCodes.Status502BadGateway).ExecuteAsync(context);
            return;
        }
        var name = outcome.Source.Id.Replace(':', '-').Replace('/', '-');
        context.Response.ContentType = tableFormat.MediaType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}{tableFormat.Extension}\"";
        await tableFormat.WriteTableAsync(context.Response.Body, table, ct);
    }

    private static SourceTable ToSourceTable(SourceOutcome o) => new()
    {
        SourceId = o.Source.Id,
        Table = o.Table,
        Status = o.Status switch
        {
            OutcomeStatus.Ok or OutcomeStatus.Empty => QueryStatus.Ok,
            OutcomeStatus.Truncated => QueryStatus.Overflow,
            _ => QueryStatus.Error,
        },
        Message = o.Message,
        Description = o.Source.Title + (o.Provenance is null ? "" : " — " + o.Provenance),
    };

    private static string Describe(PreparedQuery p) =>
        System.FormattableString.Invariant($"Das query at RA {p.Query!.Position.Ra:0.######}, Dec {p.Query.Position.Dec:+0.######;-0.######}, FOV {p.Query.FovArcmin} arcmin, ERR {p.Query.ErrArcsec} arcsec");
}

/// <summary>A source as /api/sources lists it.</summary>
public sealed record SourceInfo(string Id, string Title, string Kind, string Protocol, string Host, bool IsDefault,
    IReadOnlyList<string> Aliases, double BudgetSeconds, double CacheSeconds, string? AccessGroup, string? Description);
