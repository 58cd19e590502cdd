using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Das.Cli.Tables;
using Das.Engine;
using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Sky.Positions;
using Das.Sources;
using Das.Sources.Catalog;
using Das.Tables.Writers;
using Das.Vo.Http;
using Das.Vo.NameResolution;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Cli.Commands;

/// <summary>
/// <c>das query</c>: one position to every selected source at once, one status line per source as answers arrive;
/// <c>das sources</c>: the catalogue.
/// </summary>
internal static class QueryCommands
{
    private static readonly Option<FileInfo?> Config = new("--config") { Description = "A source catalogue file that extends (or, with \"mode\": \"replace\", replaces) the default catalogue." };

    private static readonly JsonSerializerOptions ListJson = new(SourceCatalogLoader.Json)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static IEnumerable<Command> Create() => [Query(), Sources()];

    private static Command Query()
    {
        var ra = new Option<string?>("--ra") { Description = "Right ascension: degrees, or hours as 10:41:00.5, 10h41m00.5s, 10 41 00.5." };
        var dec = new Option<string?>("--dec") { Description = "Declination: degrees, or -07:53:55.7, -7d53m55.7s." };
        var name = new Option<string?>("--name") { Description = "An object name, resolved first (Sesame, then SIMBAD TAP)." };
        var fov = new Option<string?>("--fov") { Description = $"Field of view in arcmin (default {SkyQuery.DefaultFovArcmin.ToString(CultureInfo.InvariantCulture)})." };
        var err = new Option<string?>("--err") { Description = $"Position error radius in arcsec (default {SkyQuery.DefaultErrArcsec.ToString(CultureInfo.InvariantCulture)})." };
        var cat = new Option<string[]>("--cat") { Description = "Sources to ask (repeat, or comma-separated): ids or aliases, DEFAULT, or 0 for no catalogues.", AllowMultipleArgumentsPerToken = true };
        var viz = new Option<string[]>("--viz") { Description = "Extra VizieR catalogues by short name or id (repeat, or comma-separated).", AllowMultipleArgumentsPerToken = true };
        var img = new Option<string?>("--img") { Description = "0 for no image sources." };
        var format = new Option<string>("--format") { Description = "How --out writes each table: votable, csv, json or xlsx; 'table' prints the rows.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "votable", "csv", "json", "xlsx");
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Write each source's table (and outcomes.ndjson) into this directory." };
        var json = new Option<bool>("--json") { Description = "Print one JSON outcome per line (NDJSON) with its table, instead of status lines." };
        var rows = new Option<int>("--rows") { Description = "With --format table, rows printed per source.", DefaultValueFactory = _ => 5 };
        var redis = new Option<string?>("--redis") { Description = "Cache answers in this Redis server (host:port) as well as in memory." };
        var groups = new Option<string[]>("--group") { Description = "Access groups you belong to (for restricted sources).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("query", "Ask every selected source at once for one position; print each outcome as it arrives.")
        {
            ra, dec, name, fov, err, cat, viz, img, format, outDir, json, rows, Config, redis, groups,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var pairs = new QueryPairs
            {
                { "RA", parse.GetValue(ra) },
                { "DEC", parse.GetValue(dec) },
                { "NAME", parse.GetValue(name) },
                { "FOV", parse.GetValue(fov) },
                { "ERR", parse.GetValue(err) },
            };
            pairs.AddEach("CAT", parse.GetValue(cat));
            pairs.AddEach("VIZ", parse.GetValue(viz));
            pairs.Add("IMG", parse.GetValue(img));
            var parameters = QueryParameters.Parse(pairs);
            if (!parameters.IsValid)
            {
                foreach (var problem in parameters.Errors)
                {
                    await error.WriteLineAsync($"das query: --{problem.Parameter.ToLowerInvariant()}: {problem.Message}");
                }
                return DasCli.UsageOrInputError;
            }
            await using var services = await BuildServicesAsync(parse.GetValue(Config), parse.GetValue(redis), error, ct);
            if (services is null)
            {
                return DasCli.UsageOrInputError;
            }
            var catalog = services.GetRequiredService<SourceCatalog>();
            SkyQuery query;
            if (parameters.Position is { } position)
            {
                query = parameters.ToQuery(position);
            }
            else
            {
                var resolved = await services.GetRequiredService<NameResolver>().ResolveAsync(parameters.Name!, NameResolverServices.Public,
                    new VoCallOptions { Budget = TimeSpan.FromSeconds(15) }, ct);
                if (resolved.Status != NameResolutionStatus.Found)
                {
                    await error.WriteLineAsync($"das query: could not resolve '{parameters.Name}': {resolved.Status}" +
                        (resolved.Candidates.Count > 0 ? " (" + string.Join("; ", resolved.Candidates) + ")" : "") +
                        (resolved.Messages.Count > 0 ? " — " + string.Join("; ", resolved.Messages) : ""));
                    return DasCli.UsageOrInputError;
                }
                query = parameters.ToQuery(new SkyPosition(resolved.RaDeg!.Value, resolved.DecDeg!.Value), resolved.ObjectName ?? parameters.Name);
                await error.WriteLineAsync($"{parameters.Name} = {query.Position.ToString(PositionFormat.DecimalDegrees)} ({resolved.ResolvedBy})");
            }
            var access = AccessContext.ForGroups(Environment.UserName, parse.GetValue(groups) ?? []);
            var selection = catalog.Select(query.Selection, access);
            foreach (var problem in selection.Problems)
            {
                await error.WriteLineAsync("das query: " + problem);
            }
            if (selection.Sources.Count == 0)
            {
                await error.WriteLineAsync("das query: no source to ask");
                return DasCli.UsageOrInputError;
            }
            await using var run = new QueryRunWriter(output, parse.GetValue(format)!, parse.GetValue(outDir), parse.GetValue(json), parse.GetValue(rows));
            await run.StartAsync(query, selection.Sources.Count, ct);
            var engine = services.GetRequiredService<QueryEngine>();
            await foreach (var outcome in engine.RunAsync(query, selection.Sources, access, ct))
            {
                await run.WriteAsync(outcome, ct);
            }
            await run.FinishAsync(ct);
            return selection.Problems.Count > 0 ? DasCli.UsageOrInputError : 0;
        });
        return command;
    }

    private static Command Sources()
    {
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("sources", "List the source catalogue: id, title, kind, protocol, host, budget, cache lifetime.") { format, Config };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            await using var services = await BuildServicesAsync(parse.GetValue(Config), null, parse.InvocationConfiguration.Error, ct);
            if (services is null)
            {
                return DasCli.UsageOrInputError;
            }
            var catalog = services.GetRequiredService<SourceCatalog>();
            if (parse.GetValue(format) == "json")
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new SourceCatalogFile { Mode = "replace", Sources = catalog.Definitions }, ListJson));
                return 0;
            }
            await TextTable.WriteRowsAsync(output, ["id", "title", "kind", "protocol", "host", "default", "aliases", "budget", "cache", "group"], SourceRows(catalog));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{catalog.Sources.Count} sources ({catalog.Sources.Count(s => s.Descriptor.IsDefault)} asked by default)"));
            return 0;
        });
        return command;
    }

    private static IEnumerable<string[]> SourceRows(SourceCatalog catalog) =>
        catalog.Sources.Select(s => s.Descriptor).Select(d => new[]
        {
            d.Id, d.Title, d.Kind.ToString(), d.Protocol, d.Host, d.IsDefault ? "yes" : "no", string.Join(",", d.Aliases),
            SourceOutcome.Seconds(d.Budget), d.CacheLifetime == TimeSpan.Zero ? "never" : SourceOutcome.Age(d.CacheLifetime),
            d.AccessGroup ?? "",
        });

    /// <summary>The services with the catalogue loaded (a bad catalogue file prints every problem and gives null).</summary>
    internal static async Task<ServiceProvider?> BuildServicesAsync(FileInfo? config, string? redis, TextWriter error, CancellationToken ct)
    {
        SourceCatalogFile? user = null;
        try
        {
            if (config is not null)
            {
                await using var stream = config.OpenRead();
                user = SourceCatalogLoader.ReadFile(stream, config.FullName);
            }
            var services = new ServiceCollection()
                .AddDasSources(user, config?.FullName ?? "configuration", new EngineOptions { Redis = redis })
                .BuildServiceProvider();
            services.GetRequiredService<SourceCatalog>();
            return services;
        }
        catch (SourceCatalogException ex)
        {
            await error.WriteLineAsync("das: " + ex.Message);
            return null;
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"das: cannot read {config?.FullName}: {ex.Message}");
            return null;
        }
        finally
        {
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Writes a query's progress: status lines or NDJSON to the console, tables to files.</summary>
    private sealed class QueryRunWriter(TextWriter output, string format, DirectoryInfo? outDir, bool json, int rows) : IAsyncDisposable
    {
        private readonly Dictionary<OutcomeStatus, int> _counts = [];
        private readonly long _start = TimeProvider.System.GetTimestamp();
        private FileStream? _ndjson;
        private int _total;

        public async Task StartAsync(SkyQuery query, int sources, CancellationToken ct)
        {
            _total = sources;
            if (outDir is not null)
            {
                outDir.Create();
                _ndjson = new FileStream(Path.Combine(outDir.FullName, "outcomes.ndjson"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
            }
            if (!json)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{query.TargetName ?? "position"} {query.Position.ToString(PositionFormat.DecimalDegrees)}  FOV {query.FovArcmin} arcmin  ERR {query.ErrArcsec} arcsec  — asking {sources} sources"));
            }
        }

        public async Task WriteAsync(SourceOutcome outcome, CancellationToken ct)
        {
            _counts[outcome.Status] = _counts.GetValueOrDefault(outcome.Status) + 1;
            string? file = null;
            if (outDir is not null && outcome.Table is { } table)
            {
                file = Path.Combine(outDir.FullName, SafeFileName(outcome.Source.Id) + FileFormat.Extension);
                await using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await FileFormat.WriteTableAsync(stream, table, ct);
            }
            var extra = file is null ? null : new Dictionary<string, string> { ["file"] = file };
            if (_ndjson is not null)
            {
                await OutcomeJson.WriteLineAsync(_ndjson, outcome, includeTable: false, extra, ct);
            }
            if (json)
            {
                // One line per outcome, flushed at once, so a reading program sees each source as it completes.
                await output.WriteAsync(await OutcomeJson.ToLineAsync(outcome, includeTable: true, extra, ct));
                await output.FlushAsync(ct);
                return;
            }
            await output.WriteLineAsync(StatusLine(outcome));
            if (outcome.Provenance is { } sent && outcome.Status is OutcomeStatus.Failed or OutcomeStatus.TimedOut)
            {
                await output.WriteLineAsync("      sent: " + sent.Replace("\n", "\n            ", StringComparison.Ordinal));
            }
            if (outDir is null && format == "table" && rows > 0 && outcome.Table is { RowCount: > 0 } shown)
            {
                await TextTable.WriteAsync(output, shown, rows);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_ndjson is not null)
            {
                await _ndjson.DisposeAsync();
            }
        }

        public async Task FinishAsync(CancellationToken ct)
        {
            await DisposeAsync();
            if (json)
            {
                return;
            }
            var parts = _counts.OrderBy(c => c.Key).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} {c.Key.ToString().ToLowerInvariant()}"));
            var where = outDir is null ? "" : $"; tables and outcomes.ndjson in {outDir.FullName}";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{_total} sources in {SourceOutcome.Seconds(TimeProvider.System.GetElapsedTime(_start))}: {string.Join(", ", parts)}{where}"));
        }

        private static string StatusLine(SourceOutcome o)
        {
            var mark = o.Status switch
            {
                OutcomeStatus.Ok => "ok  ",
                OutcomeStatus.Empty => "none",
                OutcomeStatus.Truncated => "part",
                OutcomeStatus.Skipped => "skip",
                OutcomeStatus.TimedOut => "time",
                _ => "FAIL",
            };
            return $"{mark}  {o.Summary}" + (o.Status == OutcomeStatus.Truncated ? string.Create(CultureInfo.InvariantCulture, $" ({SourceOutcome.Seconds(o.Elapsed)})") : "");
        }

        // --format table writes VOTable files: the rows are printed, the files keep everything.
        private TableFormat FileFormat => TableFormat.FromName(format) ?? TableFormat.VoTable;

        private static string SafeFileName(string id)
        {
            var name = new StringBuilder(id.Length);
            foreach (var c in id)
            {
                name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_');
            }
            return name.ToString();
        }
    }
}
