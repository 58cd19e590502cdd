using Das.Engine.Execution;
using Das.Sources.Redshifts;
using Das.Tables.Writers;
using Das.Tables.Writers.VoTable;

namespace Das.Web.Api;

/// <summary>
/// The redshift view for programs: <c>GET /api/redshift</c> (every redshift known within a radius, one table nearest
/// first, with each contributor's outcome) and <c>GET /api/redshift/stream</c> (NDJSON, each contributor as it completes).
/// </summary>
public static class RedshiftApi
{
    private const string Parameters = "RA and DEC (any notation das coord reads) or NAME; RADIUS in arcsec (default 30, at most 1800).";

    /// <summary>Maps the endpoints under /api.</summary>
    public static IEndpointRouteBuilder MapRedshiftApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api");
        api.MapGet("/redshift", SearchAsync)
            .WithName("Redshifts")
            .WithSummary("Every redshift known near a position: SIMBAD, NED, VizieR tables with a src.redshift column and configured TAP services, one table nearest first.")
            .WithDescription(Parameters + " format=json (default: {search, contributors, table} with the table in Das table JSON), votable (one RESOURCE, an INFO per contributor), csv or xlsx; also by Accept: application/x-votable+xml. " +
                "Columns: separation (arcsec), z, z_err, z_kind (spec, phot, unknown), object, ra, dec, catalogue, catalogue_description, z_column, quality, reference, source, provenance. " +
                "A contributor that fails or times out is reported with its message; the others still answer.");
        api.MapGet("/redshift/stream", StreamAsync)
            .WithName("RedshiftStream")
            .WithSummary("The redshift search as NDJSON: a start line (the search, the contributors), then each contributor's outcome with its redshift table as it completes.")
            .WithDescription(Parameters);
        return app;
    }

    private static async Task SearchAsync(HttpContext context, RedshiftService redshifts, string? format)
    {
        var ct = context.RequestAborted;
        format ??= context.Request.Headers.Accept.ToString().Contains("votable", StringComparison.OrdinalIgnoreCase) ? "votable" : "json";
        var tableFormat = format == "json" ? null : TableFormat.FromName(format);
        if (format != "json" && tableFormat is null)
        {
            await TypedResults.BadRequest(new { errors = new[] { new { parameter = "format", message = $"format '{Show(format)}' must be json, votable, csv or xlsx" } } }).ExecuteAsync(context);
            return;
        }
        var (search, errors) = await redshifts.PrepareAsync(QueryApi.Parameters(context.Request), ct);
        if (search is null)
        {
            await TypedResults.BadRequest(StreamJson.Errors(errors)).ExecuteAsync(context);
            return;
        }
        var result = await redshifts.RunAsync(search, QueryApi.Access(context.User), ct);
        var body = context.Response.Body;
        if (tableFormat is null)
        {
            context.Response.ContentType = "application/json";
            await RedshiftJson.WriteResultAsync(body, result, ct);
            return;
        }
        context.Response.ContentType = tableFormat.MediaType;
        if (tableFormat == TableFormat.VoTable)
        {
            await VoTableWriter.WriteAsync(body, result.ToDocument(), null, ct);
            return;
        }
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"redshifts{tableFormat.Extension}\"";
        await tableFormat.WriteTableAsync(body, result.Table, ct);
    }

    private static async Task StreamAsync(HttpContext context, RedshiftService redshifts)
    {
        var ct = context.RequestAborted;
        var (search, errors) = await redshifts.PrepareAsync(QueryApi.Parameters(context.Request), ct);
        if (search is null)
        {
            await TypedResults.BadRequest(StreamJson.Errors(errors)).ExecuteAsync(context);
            return;
        }
        var access = QueryApi.Access(context.User);
        var contributors = redshifts.Aggregator.Contributors(access);
        context.Response.ContentType = "application/x-ndjson";
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = context.Response.Body;
        await body.WriteAsync(RedshiftJson.StartLine(search, contributors), ct);
        await body.FlushAsync(ct);
        await foreach (var outcome in redshifts.Aggregator.RunAsync(search, contributors, access, ct))
        {
            await OutcomeJson.WriteLineAsync(body, outcome, includeTable: true, null, ct);
        }
    }

    private static string Show(string text) => new(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
