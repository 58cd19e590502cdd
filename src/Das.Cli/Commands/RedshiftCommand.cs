using System.CommandLine;
using System.Globalization;
using Das.Cli.Tables;
using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Sky.Positions;
using Das.Sources.Redshifts;
using Das.Tables.Model;
using Das.Tables.Writers;
using Das.Tables.Writers.VoTable;
using Das.Vo.Http;
using Das.Vo.NameResolution;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Cli.Commands;

/// <summary>
/// <c>das redshift</c>: every redshift known near a position (SIMBAD, NED, VizieR's tables with a redshift column,
/// configured TAP services): one status line per source as it answers, then one table nearest first.
/// </summary>
internal static class RedshiftCommand
{
    // The columns printed on a terminal; --out and --json keep all of them.
    private static readonly string[] Printed =
        [RedshiftTable.Separation, RedshiftTable.Z, RedshiftTable.ZErr, RedshiftTable.ZKind, RedshiftTable.ObjectName, RedshiftTable.Catalogue, RedshiftTable.Source];

    public static Command Create()
    {
        var ra = new Option<string?>("--ra") { Description = "Right ascension: degrees, or hours as 10:41:00.5, 10h41m00.5s, 10 41 00.5." };
        var dec = new Option<string?>("--dec") { Description = "Declination: degrees, or -07:53:55.7, -7d53m55.7s." };
        var name = new Option<string?>("--name") { Description = "An object name, resolved first (Sesame, then SIMBAD TAP)." };
        var radius = new Option<string?>("--radius")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Search radius in arcsec (default {RedshiftSearch.DefaultRadiusArcsec}, at most {RedshiftSearch.MaxRadiusArcsec})."),
        };
        var config = new Option<FileInfo?>("--config") { Description = "A source catalogue file that extends (or replaces) the default catalogue; its sources of kind redshifts are asked." };
        var format = new Option<string?>("--format") { Description = "With --out: votable (with an INFO per source), csv, json or xlsx; default from the file's extension." };
        format.AcceptOnlyFromAmong("votable", "csv", "json", "xlsx");
        var output = new Option<FileInfo?>("--out") { Description = "Write the whole table (every column, provenance included) to this file." };
        var json = new Option<bool>("--json") { Description = "Print the whole result as JSON (search, contributors, table) instead of status lines." };
        var rows = new Option<int>("--rows") { Description = "Rows printed (all are written with --out).", DefaultValueFactory = _ => 50 };
        var redis = new Option<string?>("--redis") { Description = "Cache answers in this Redis server (host:port) as well as in memory." };
        var groups = new Option<string[]>("--group") { Description = "Access groups you belong to (for restricted sources).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("redshift", "Every redshift known near a position, from every redshift source at once, nearest first.")
        {
            ra, dec, name, radius, config, format, output, json, rows, redis, groups,
        };
        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var pairs = new QueryPairs
            {
                { "RA", parse.GetValue(ra) },
                { "DEC", parse.GetValue(dec) },
                { "NAME", parse.GetValue(name) },
                { "RADIUS", parse.GetValue(radius) },
            };
            var parameters = RedshiftParameters.Parse(pairs);
            if (!parameters.IsValid)
            {
                foreach (var problem in parameters.Errors)
                {
                    await stderr.WriteLineAsync($"das redshift: --{problem.Parameter.ToLowerInvariant()}: {problem.Message}");
                }
                return DasCli.UsageOrInputError;
            }
            await using var services = await QueryCommands.BuildServicesAsync(parse.GetValue(config), parse.GetValue(redis), stderr, ct);
            if (services is null)
            {
                return DasCli.UsageOrInputError;
            }
            RedshiftSearch search;
            if (parameters.Position is { } position)
            {
                search = parameters.ToSearch(position);
            }
            else
            {
                var resolved = await services.GetRequiredService<NameResolver>().ResolveAsync(parameters.Name!, NameResolverServices.Public,
                    new VoCallOptions { Budget = TimeSpan.FromSeconds(15) }, ct);
                if (resolved.Status != NameResolutionStatus.Found)
                {
                    await stderr.WriteLineAsync($"das redshift: could not resolve '{parameters.Name}': {resolved.Status}" +
                        (resolved.Messages.Count > 0 ? " — " + string.Join("; ", resolved.Messages) : ""));
                    return DasCli.UsageOrInputError;
                }
                search = parameters.ToSearch(new SkyPosition(resolved.RaDeg!.Value, resolved.DecDeg!.Value), resolved.ObjectName ?? parameters.Name);
            }
            var aggregator = services.GetRequiredService<RedshiftAggregator>();
            var access = AccessContext.ForGroups(Environment.UserName, parse.GetValue(groups) ?? []);
            var contributors = aggregator.Contributors(access);
            if (contributors.Count == 0)
            {
                await stderr.WriteLineAsync("das redshift: the catalogue has no source of kind redshifts that you may see");
                return DasCli.UsageOrInputError;
            }
            bool quiet = parse.GetValue(json);
            if (!quiet)
            {
                await stdout.WriteLineAsync(RedshiftResult.Describe(search) + string.Create(CultureInfo.InvariantCulture, $" — asking {contributors.Count} sources"));
            }
            var outcomes = new List<SourceOutcome>();
            await foreach (var outcome in aggregator.RunAsync(search, contributors, access, ct))
            {
                outcomes.Add(outcome);
                if (!quiet)
                {
                    await WriteStatusAsync(stdout, outcome);
                }
            }
            var result = RedshiftResult.From(search, contributors, outcomes);
            if (parse.GetValue(output) is { } file)
            {
                var tableFormat = TableFormat.FromName(parse.GetValue(format)) ?? TableFormat.FromFileName(file.Name);
                await using (var stream = file.Create())
                {
                    if (tableFormat == TableFormat.VoTable)
                    {
                        await VoTableWriter.WriteAsync(stream, result.ToDocument(), null, ct);
                    }
                    else
                    {
                        await tableFormat.WriteTableAsync(stream, result.Table, ct);
                    }
                }
                if (!quiet)
                {
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.Table.RowCount} redshifts written to {file.FullName} ({tableFormat.Name})"));
                }
            }
            if (quiet)
            {
                await using var body = new MemoryStream();
                await RedshiftJson.WriteResultAsync(body, result, ct);
                await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
                return 0;
            }
            if (result.Table.RowCount == 0)
            {
                await stdout.WriteLineAsync("no redshift found");
            }
            else if (parse.GetValue(rows) > 0)
            {
                var view = new Table(Printed.Select(n => result.Table.FindColumn(n)!));
                await TextTable.WriteAsync(stdout, view, parse.GetValue(rows));
            }
            return 0;
        });
        return command;
    }

    private static async Task WriteStatusAsync(TextWriter output, SourceOutcome o)
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
        await output.WriteLineAsync($"{mark}  {(o.Status == OutcomeStatus.Truncated ? o.Message : o.Summary)}");
        foreach (var note in o.Notes)
        {
            await output.WriteLineAsync("      note: " + note);
        }
        if (o.Provenance is { } sent && o.Status is OutcomeStatus.Failed or OutcomeStatus.TimedOut)
        {
            await output.WriteLineAsync("      sent: " + sent.Replace("\n", "\n            ", StringComparison.Ordinal));
        }
    }
}
