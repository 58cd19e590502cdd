using System.IO.Compression;
using System.Text.Json;
using Das.Engine.Execution;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.Writers;
using Das.Tables.Writers.Csv;
using Das.Tables.Writers.VoTable;
using Das.Tables.Writers.Xlsx;

namespace Das.Web.Api;

/// <summary>
/// A whole query written as one download: a VOTable with one RESOURCE per source, an XLSX workbook with one sheet per
/// source (and the sources and metadata sheets), the API's JSON (<c>{query, problems, outcomes}</c>), or a ZIP of
/// one CSV per source plus <c>outcomes.csv</c> (every source's status, rows, time, message and request).
/// </summary>
internal static class QueryExports
{
    public const string ZipMediaType = "application/zip";

    /// <summary>The whole-query formats by name, with their file extension and media type.</summary>
    public static readonly IReadOnlyDictionary<string, (string Extension, string MediaType)> Formats =
        new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["votable"] = (".vot", VoTableWriter.MediaType),
            ["xlsx"] = (".xlsx", XlsxWriter.MediaType),
            ["json"] = (".json", "application/json"),
            ["csv"] = (".zip", ZipMediaType),
        };

    public static Task WriteAsync(string format, Stream body, PreparedQuery prepared, IReadOnlyList<SourceOutcome> outcomes, CancellationToken ct) =>
        format.ToLowerInvariant() switch
        {
            "votable" => VoTableWriter.WriteAsync(body, MultiSourceDocument.Create(outcomes.Select(ToSourceTable), Describe(prepared)), null, ct),
            "xlsx" => XlsxWriter.WriteSourcesAsync(body, outcomes.Select(ToSourceTable), ct),
            "csv" => WriteCsvZipAsync(body, outcomes, ct),
            _ => WriteJsonAsync(body, prepared, outcomes, ct),
        };

    /// <summary>The API's JSON: the query as understood, the selection's problems, and every outcome with its table.</summary>
    public static async Task WriteJsonAsync(Stream body, PreparedQuery prepared, IReadOnlyList<SourceOutcome> outcomes, CancellationToken ct)
    {
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

    /// <summary>
    /// A ZIP of <c>SOURCE.csv</c> for every source that returned rows (file names from the source id, ':' and '/'
    /// made '-') and <c>outcomes.csv</c>, one line per source. Built in a temporary file (ZIP writing is
    /// synchronous), then copied.
    /// </summary>
    public static async Task WriteCsvZipAsync(Stream body, IReadOnlyList<SourceOutcome> outcomes, CancellationToken ct)
    {
        string path = Path.GetTempFileName();
        await using var temp = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "outcomes.csv" };
        using (var zip = new ZipArchive(temp, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var outcome in outcomes)
            {
                if (outcome.Table is not { } table || table.RowCount == 0)
                {
                    continue;
                }
                var name = FileName(outcome.Source.Id) + ".csv";
                for (int n = 2; !names.Add(name); n++)
                {
                    name = $"{FileName(outcome.Source.Id)}-{n}.csv";
                }
                files[outcome.Source.Id] = name;
                await using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                await CsvWriter.WriteAsync(entry, table, null, ct);
            }
            await using (var entry = zip.CreateEntry("outcomes.csv", CompressionLevel.Fastest).Open())
            {
                await CsvWriter.WriteAsync(entry, OutcomesTable(outcomes, files), null, ct);
            }
        }
        temp.Position = 0;
        await temp.CopyToAsync(body, ct);
        await body.FlushAsync(ct);
    }

    /// <summary>A source id as a file name: letters, digits, '.', '_' and '-' kept, anything else '-'.</summary>
    public static string FileName(string id) =>
        new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')]);

    private static Table OutcomesTable(IReadOnlyList<SourceOutcome> outcomes, IReadOnlyDictionary<string, string> files)
    {
        static Field Text(string name, string description) => new() { Name = name, DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Description = description };
        var table = Table.FromFields(
        [
            Text("source", "source id (CAT=)"), Text("title", "source name"), Text("kind", "what its rows are"), Text("status", "Ok, Empty, Truncated, Failed, TimedOut or Skipped"),
            new() { Name = "rows", DataType = VoDataType.Int, Description = "rows returned" },
            new() { Name = "elapsed_ms", DataType = VoDataType.Double, Unit = "ms", Description = "from the start of the query to this outcome" },
            new() { Name = "cached_age_s", DataType = VoDataType.Double, Unit = "s", Description = "age of the answer when it came from the cache" },
            Text("message", "why it failed, was skipped or is incomplete"), Text("provenance", "the exact request sent"), Text("file", "the CSV file with its rows"),
        ]);
        var c = table.Columns;
        foreach (var o in outcomes)
        {
            ((StringColumn)c[0]).Append(o.Source.Id);
            ((StringColumn)c[1]).Append(o.Source.Title);
            ((StringColumn)c[2]).Append(o.Source.Kind.ToString());
            ((StringColumn)c[3]).Append(o.Status.ToString());
            ((ScalarColumn<int>)c[4]).Append(o.RowCount);
            ((ScalarColumn<double>)c[5]).Append(Math.Round(o.Elapsed.TotalMilliseconds, 1));
            if (o.CachedAge is { } age)
            {
                ((ScalarColumn<double>)c[6]).Append(Math.Round(age.TotalSeconds, 1));
            }
            else
            {
                c[6].AppendNull();
            }
            AppendText(c[7], o.Message);
            AppendText(c[8], o.Provenance);
            AppendText(c[9], files.GetValueOrDefault(o.Source.Id));
        }
        return table;
    }

    private static void AppendText(Column column, string? value)
    {
        if (value is null)
        {
            column.AppendNull();
        }
        else
        {
            ((StringColumn)column).Append(value);
        }
    }

    public static SourceTable ToSourceTable(SourceOutcome o) => new()
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

    public static string Describe(PreparedQuery p) =>
        System.FormattableString.Invariant($"Das query at RA {p.Query!.Position.Ra:0.######}, Dec {p.Query.Position.Dec:+0.######;-0.######}, FOV {p.Query.FovArcmin} arcmin, ERR {p.Query.ErrArcsec} arcsec");

    /// <summary>The download's file name: das-RA+DEC, e.g. <c>das-334.020000-7.898800.vot</c>.</summary>
    public static string DownloadName(PreparedQuery p, string extension) =>
        System.FormattableString.Invariant($"das-{p.Query!.Position.Ra:0.000000}{p.Query.Position.Dec:+0.000000;-0.000000}{extension}");
}
