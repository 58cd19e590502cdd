using System.Text.Json;
using Das.Engine.CrossMatch;
using Das.Engine.Execution;
using Das.Sources.Catalog;
using Das.Tables.Model;
using Das.Tables.Writers;
using Das.Tables.Writers.Json;
using Das.Web.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Das.Web.Xmatch;

/// <summary>
/// POST /api/xmatch: a list of positions against catalogues, one NDJSON line per catalogue as each completes;
/// GET /api/xmatch/{id}/{catalogue}: one catalogue's joined table as a download.
/// </summary>
public static class XmatchApi
{
    private const string NdJson = "application/x-ndjson";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapXmatchApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/xmatch", MatchAsync)
            .WithName("Xmatch")
            .WithSummary("Cross-match a list (file: CSV/VOTable, or positions: pasted lines) against catalogues (catalogues: source ids; catalogueFile: uploaded tables) within radius arcsec; NDJSON, a start line then one line per catalogue as each completes.")
            .WithMetadata(new RequestSizeLimitMetadata(XmatchForm.MaxUploadBytes * 2))
            .DisableAntiforgery();
        app.MapGet("/api/xmatch/{id}/{catalogue}", DownloadAsync)
            .WithName("XmatchTable")
            .WithSummary("One catalogue's joined table of a cross-match, as votable (default), csv, json or xlsx.");
        return app;
    }

    private sealed class RequestSizeLimitMetadata(long limit) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => limit;
    }

    private static async Task MatchAsync(HttpContext context, SourceCatalog catalog, CatalogueCrossMatch matcher, XmatchResults results, TimeProvider time)
    {
        var ct = context.RequestAborted;
        if (!context.Request.HasFormContentType)
        {
            await Bad(context, [("file", "post a form (multipart/form-data or application/x-www-form-urlencoded)")]);
            return;
        }
        var formOptions = new FormOptions { MultipartBodyLengthLimit = XmatchForm.MaxUploadBytes * 2, ValueLengthLimit = 32 * 1024 * 1024 };
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, formOptions));
        IFormCollection posted;
        try
        {
            posted = await context.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException ex)
        {
            await Bad(context, [("file", "the form cannot be read: " + ex.Message)]);
            return;
        }
        var (form, errors) = await XmatchForm.ReadAsync(posted, catalog, ct);
        if (form is null)
        {
            await Bad(context, errors);
            return;
        }

        var access = QueryApi.Access(context.User);
        string id = results.Create();
        long start = time.GetTimestamp();
        context.Response.ContentType = NdJson;
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = context.Response.Body;
        await WriteLineAsync(body, json =>
        {
            json.WriteString("type", "start");
            json.WriteString("id", id);
            json.WriteNumber("rows", form.List.RowCount);
            json.WriteNumber("radius", form.Request.RadiusArcsec);
            json.WriteString("find", form.Find);
            json.WriteStartArray("catalogues");
            foreach (var s in form.Sources)
            {
                json.WriteStartObject();
                json.WriteString("id", s.Descriptor.Id);
                json.WriteString("title", s.Descriptor.Title);
                json.WriteEndObject();
            }
            foreach (var (name, _) in form.Uploads)
            {
                json.WriteStartObject();
                json.WriteString("id", "file:" + name);
                json.WriteString("title", name);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }, ct);

        int total = 0;
        // Uploaded catalogues are matched here, beside the sources; every result is written as it completes.
        var files = form.Uploads.Select(u => Task.Run(() => (u.Name, Result: TableCrossMatch.Match(form.List, u.Table, form.Request.RadiusArcsec, form.Request.Mode, form.Request.Epochs)), ct)).ToList();
        await foreach (var outcome in matcher.RunAsync(form.List, form.Sources, form.Request, access, ct))
        {
            if (outcome.Joined is { } joined)
            {
                results.Add(id, outcome.Source.Id, outcome.Source, joined);
            }
            total += outcome.Pairs;
            await WriteLineAsync(body, json => WriteOutcome(json, id, outcome), ct, outcome.Joined);
        }
        await foreach (var done in Task.WhenEach(files).WithCancellation(ct))
        {
            var (name, result) = await done;
            string catalogue = "file:" + name;
            if (result.Joined is { } joined)
            {
                results.Add(id, catalogue, null, joined);
                total += joined.RowCount;
            }
            await WriteLineAsync(body, json => WriteOutcome(json, id, new CatalogueMatchOutcome
            {
                Source = new Engine.Sources.SourceDescriptor { Id = catalogue, Title = name, Kind = Engine.Sources.ResultKind.Catalogue, Protocol = "file", Host = "upload" },
                Status = result.Joined is null ? OutcomeStatus.Failed : result.Joined.RowCount == 0 ? OutcomeStatus.Empty : OutcomeStatus.Ok,
                Method = "local",
                Joined = result.Joined,
                MatchedRows = result.Pairs?.MatchedRowsA() ?? 0,
                Candidates = result.Joined is null ? 0 : form.Uploads.First(u => u.Name == name).Table.RowCount,
                Message = result.Failure is { } f ? $"{name}: {f}" : null,
                Notes = result.Notes,
                Elapsed = time.GetElapsedTime(start),
            }), ct, result.Joined);
        }
        await WriteLineAsync(body, json =>
        {
            json.WriteString("type", "end");
            json.WriteNumber("pairs", total);
            json.WriteNumber("elapsedMs", Math.Round(time.GetElapsedTime(start).TotalMilliseconds));
        }, ct);
    }

    private static void WriteOutcome(Utf8JsonWriter json, string id, CatalogueMatchOutcome o)
    {
        json.WriteString("type", "match");
        json.WriteString("catalogue", o.Source.Id);
        json.WriteString("title", o.Source.Title);
        json.WriteString("status", o.Status.ToString());
        json.WriteString("method", o.Method);
        json.WriteNumber("pairs", o.Pairs);
        json.WriteNumber("matchedRows", o.MatchedRows);
        json.WriteNumber("candidates", o.Candidates);
        json.WriteNumber("elapsedMs", Math.Round(o.Elapsed.TotalMilliseconds));
        if (o.CachedAge is { } age)
        {
            json.WriteNumber("cachedAgeSeconds", Math.Round(age.TotalSeconds));
        }
        else
        {
            json.WriteNull("cachedAgeSeconds");
        }
        json.WriteString("message", o.Message);
        StreamJson.WriteStrings(json, "notes", o.Notes);
        StreamJson.WriteStrings(json, "provenance", o.Provenance);
        if (o.Joined is not null)
        {
            json.WriteStartObject("downloads");
            foreach (var format in TableFormat.All)
            {
                json.WriteString(format.Name, $"/api/xmatch/{id}/{Uri.EscapeDataString(o.Source.Id)}?format={format.Name}");
            }
            json.WriteEndObject();
        }
    }

    // One NDJSON line; a table goes last, as "table" in the JSON of docs/table-json.md, streamed by its writer.
    private static async Task WriteLineAsync(Stream body, Action<Utf8JsonWriter> write, CancellationToken ct, Table? table = null)
    {
        var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        if (table is null)
        {
            await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        }
        else
        {
            await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length - 1), ct);
            await body.WriteAsync(",\"table\":"u8.ToArray(), ct);
            await TableJsonWriter.WriteAsync(body, table, new TableJsonOptions { Indented = false }, ct);
            await body.WriteAsync("}"u8.ToArray(), ct);
        }
        await body.WriteAsync("\n"u8.ToArray(), ct);
        await body.FlushAsync(ct);
    }

    private static async Task DownloadAsync(HttpContext context, string id, string catalogue, string? format, XmatchResults results)
    {
        var tableFormat = TableFormat.FromName(format ?? TableFormat.VoTable.Name);
        if (tableFormat is null)
        {
            await Bad(context, [("format", $"format '{format}' must be csv, votable, json or xlsx")]);
            return;
        }
        if (results.Find(id, catalogue, QueryApi.Access(context.User)) is not { } table)
        {
            await TypedResults.NotFound(new { errors = new[] { new { parameter = "id", message = "no such cross-match result (results are kept for an hour)" } } }).ExecuteAsync(context);
            return;
        }
        var name = new string([.. ("xmatch-" + catalogue).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
        context.Response.ContentType = tableFormat.MediaType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}{tableFormat.Extension}\"";
        await tableFormat.WriteTableAsync(context.Response.Body, table, context.RequestAborted);
    }

    private static Task Bad(HttpContext context, IEnumerable<(string Parameter, string Message)> errors) =>
        TypedResults.BadRequest(new { errors = errors.Select(e => new { parameter = e.Parameter, message = e.Message }).ToArray() }).ExecuteAsync(context);
}
