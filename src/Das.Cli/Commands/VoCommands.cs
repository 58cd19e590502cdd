using System.CommandLine;
using System.Globalization;
using Das.Cli.Tables;
using Das.Sky.Parsing;
using Das.Sky.Positions;
using Das.Tables.Writers;
using Das.Vo;
using Das.Vo.Adql;
using Das.Vo.Answers;
using Das.Vo.Errors;
using Das.Vo.Http;
using Das.Vo.NameResolution;
using Das.Vo.Scs;
using Das.Vo.Sia;
using Das.Vo.Ssa;
using Das.Vo.Tap;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Cli.Commands;

/// <summary>
/// <c>das cone|sia|ssa|tap|resolve</c>: one query to one VO service. Each prints the table (or writes it with
/// --out), the request it sent, and on failure the specific reason on stderr with exit code 2.
/// </summary>
internal static class VoCommands
{
    private static readonly Option<int> Timeout = new("--timeout") { Description = "Time budget in seconds for the whole call.", DefaultValueFactory = _ => 60 };
    private static readonly Option<int> MaxRows = new("--max-rows") { Description = "Rows to print (all are written with --out).", DefaultValueFactory = _ => 50 };
    private static readonly Option<FileInfo?> Out = new("--out") { Description = "Write the table to a file: .vot/.xml, .csv, .xlsx or .json." };

    public static IEnumerable<Command> Create() => [Cone(), Sia(), Ssa(), Tap(), Resolve()];

    private static Command Cone()
    {
        var url = new Argument<string>("url") { Description = "The cone search service's base URL." };
        var ra = new Argument<string>("ra") { Description = "Right ascension (degrees, or sexagesimal hours)." };
        var dec = new Argument<string>("dec") { Description = "Declination (degrees, or sexagesimal)." };
        var sr = new Argument<double>("sr") { Description = "Search radius in degrees." };
        var command = new Command("cone", "Simple Cone Search 1.03: sources within SR degrees of a position.") { url, ra, dec, sr, Timeout, MaxRows, Out };
        command.SetAction((parse, ct) => RunAsync(parse, position => new ScsQuery
        {
            Endpoint = Url(parse.GetValue(url)),
            RaDeg = position.Ra,
            DecDeg = position.Dec,
            RadiusDeg = parse.GetValue(sr),
        }.BuildRequest(), parse.GetValue(ra)!, parse.GetValue(dec)!, ct));
        return command;
    }

    private static Command Sia()
    {
        var url = new Argument<string>("url") { Description = "The image service's URL." };
        var ra = new Argument<string>("ra") { Description = "Right ascension." };
        var dec = new Argument<string>("dec") { Description = "Declination." };
        var size = new Argument<double>("size") { Description = "Size of the region in degrees (SIA 2: a circle of this diameter)." };
        var version = new Option<int>("--version") { Description = "SIA version: 1 or 2.", DefaultValueFactory = _ => 1 };
        version.AcceptOnlyFromAmong("1", "2");
        var command = new Command("sia", "Simple Image Access: images covering a position.") { url, ra, dec, size, version, Timeout, MaxRows, Out };
        command.SetAction((parse, ct) => RunAsync(parse, position => parse.GetValue(version) == 2
            ? new Sia2Query { Endpoint = Url(parse.GetValue(url)), Region = new Sia2Region.Circle(position.Ra, position.Dec, parse.GetValue(size) / 2) }.BuildRequest()
            : new Sia1Query { Endpoint = Url(parse.GetValue(url)), RaDeg = position.Ra, DecDeg = position.Dec, SizeDeg = parse.GetValue(size) }.BuildRequest(),
            parse.GetValue(ra)!, parse.GetValue(dec)!, ct));
        return command;
    }

    private static Command Ssa()
    {
        var url = new Argument<string>("url") { Description = "The spectral service's URL." };
        var ra = new Argument<string>("ra") { Description = "Right ascension." };
        var dec = new Argument<string>("dec") { Description = "Declination." };
        var size = new Argument<double>("size") { Description = "Diameter of the search region in degrees." };
        var command = new Command("ssa", "Simple Spectral Access 1.1: spectra at a position.") { url, ra, dec, size, Timeout, MaxRows, Out };
        command.SetAction((parse, ct) => RunAsync(parse, position => new SsaQuery
        {
            Endpoint = Url(parse.GetValue(url)),
            RaDeg = position.Ra,
            DecDeg = position.Dec,
            SizeDeg = parse.GetValue(size),
        }.BuildRequest(), parse.GetValue(ra)!, parse.GetValue(dec)!, ct));
        return command;
    }

    private static Command Tap()
    {
        var url = new Argument<string>("url") { Description = "The TAP service's base URL (sync and async are below it)." };
        var adql = new Argument<string>("adql") { Description = "The ADQL query, as you would type it into TOPCAT." };
        var async = new Option<bool>("--async") { Description = "Run as an asynchronous (UWS) job." };
        var maxrec = new Option<long?>("--maxrec") { Description = "MAXREC: the most rows the service may return." };
        var upload = new Option<string[]>("--upload") { Description = "name=FILE: upload a VOTable as TAP_UPLOAD.name (repeatable).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("tap", "Table Access Protocol: run an ADQL query.") { url, adql, async, maxrec, upload, Timeout, MaxRows, Out };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            // The whole query is the person's own text (a template without placeholders), not a value pasted into one.
            if (!AdqlTemplate.TryParse(parse.GetValue(adql), out var template, out var reason) || template.Placeholders.Count > 0)
            {
                await error.WriteLineAsync($"das tap: {reason ?? "the query has {placeholders}; write the values in"}");
                return DasCli.UsageOrInputError;
            }
            var uploads = new List<VoUpload>();
            foreach (var item in parse.GetValue(upload) ?? [])
            {
                int eq = item.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || !File.Exists(item[(eq + 1)..]))
                {
                    await error.WriteLineAsync($"das tap: --upload '{item}' must be name=FILE with an existing file");
                    return DasCli.UsageOrInputError;
                }
                uploads.Add(new VoUpload(item[..eq], await File.ReadAllBytesAsync(item[(eq + 1)..], ct)));
            }
            Uri baseUrl;
            try
            {
                baseUrl = Url(parse.GetValue(url));
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync("das tap: " + ex.Message);
                return DasCli.UsageOrInputError;
            }
            var query = new TapQuery
            {
                BaseUrl = baseUrl,
                Adql = template.Render(new Dictionary<string, AdqlFragment>()),
                MaxRecords = parse.GetValue(maxrec),
                Uploads = uploads,
            };
            return await WithClientAsync(parse, async (client, options) =>
            {
                if (parse.GetValue(async))
                {
                    return await client.QueryAsyncJobAsync(query, options, null, null, ct);
                }
                return await client.QueryAsync(query.BuildSyncRequest(), options, null, ct);
            }, () => query.BuildSyncRequest(), ct);
        });
        return command;
    }

    private static Command Resolve()
    {
        var name = new Argument<string>("name") { Description = "An object name: M 31, NGC 6302, FRB 20180924B ..." };
        var sesame = new Option<string?>("--sesame") { Description = $"Sesame's URL (default {SesameQuery.DefaultEndpointText}, mirror {SesameQuery.MirrorEndpointText})." };
        var simbad = new Option<string?>("--simbad-tap") { Description = $"SIMBAD's TAP service, asked when Sesame cannot be reached (default {NameResolver.SimbadTapText}, mirror {NameResolver.SimbadMirrorText})." };
        var command = new Command("resolve", "Resolve an object name: Sesame (SIMBAD, then NED, then VizieR), then SIMBAD TAP.") { name, sesame, simbad, Timeout };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            NameResolution result;
            try
            {
                await using var services = new ServiceCollection().AddDasVo().BuildServiceProvider();
                // A service named on the command line is asked alone; the public ones come with their mirrors.
                var endpoints = NameResolverServices.Public;
                if (parse.GetValue(sesame) is { } sesameUrl)
                {
                    endpoints = endpoints with { Sesame = Url(sesameUrl), SesameMirrors = [] };
                }
                if (parse.GetValue(simbad) is { } simbadUrl)
                {
                    endpoints = endpoints with { SimbadTap = Url(simbadUrl), SimbadTapMirrors = [] };
                }
                result = await services.GetRequiredService<NameResolver>().ResolveAsync(parse.GetValue(name)!, endpoints,
                    new VoCallOptions { Budget = TimeSpan.FromSeconds(parse.GetValue(Timeout)) }, ct);
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync("das resolve: " + ex.Message);
                return DasCli.UsageOrInputError;
            }
            var said = result.Messages.Count == 0 ? "" : " (" + string.Join("; ", result.Messages) + ")";
            switch (result.Status)
            {
                case NameResolutionStatus.Found:
                    var position = new SkyPosition(result.RaDeg!.Value, result.DecDeg!.Value);
                    await output.WriteLineAsync(position.ToString(PositionFormat.DecimalDegrees));
                    await output.WriteLineAsync($"{position.ToString(PositionFormat.Sexagesimal)}  {result.ObjectName} ({result.ObjectType ?? "type unknown"}), resolved by {result.ResolvedBy}");
                    return 0;
                case NameResolutionStatus.Ambiguous:
                    await error.WriteLineAsync($"das resolve: '{result.Name}' is ambiguous: {string.Join("; ", result.Candidates)}");
                    return DasCli.UsageOrInputError;
                case NameResolutionStatus.Unknown:
                    await error.WriteLineAsync($"das resolve: '{result.Name}' is unknown{said}");
                    return DasCli.UsageOrInputError;
                default:
                    await error.WriteLineAsync($"das resolve: no resolver could be reached{said}");
                    return DasCli.UsageOrInputError;
            }
        });
        return command;
    }

    private static Uri Url(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"'{text}' is not an http(s) URL");

    private static async Task<int> RunAsync(ParseResult parse, Func<SkyPosition, VoRequest> build, string ra, string dec, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        var parsed = PositionParser.Parse(ra + " " + dec);
        if (!parsed.TryGetPosition(out var position))
        {
            await error.WriteLineAsync($"das {parse.CommandResult.Command.Name}: {parsed.Error}");
            return DasCli.UsageOrInputError;
        }
        VoRequest request;
        try
        {
            request = build(position);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"das {parse.CommandResult.Command.Name}: {ex.Message}");
            return DasCli.UsageOrInputError;
        }
        return await WithClientAsync(parse, (client, options) => client.QueryAsync(request, options, null, ct), () => request, ct);
    }

    private static async Task<int> WithClientAsync(ParseResult parse,
        Func<VoQueryClient, VoCallOptions, Task<VoTableAnswer>> query, Func<VoRequest> describe, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        await using var services = new ServiceCollection().AddDasVo().BuildServiceProvider();
        var client = services.GetRequiredService<VoQueryClient>();
        var options = new VoCallOptions { Budget = TimeSpan.FromSeconds(parse.GetValue(Timeout)) };
        VoTableAnswer answer;
        try
        {
            answer = await query(client, options);
        }
        catch (VoException ex)
        {
            await error.WriteLineAsync($"das {parse.CommandResult.Command.Name}: {ex.Reason}");
            await error.WriteLineAsync($"  sent: {describe().Provenance}");
            return DasCli.UsageOrInputError;
        }
        if (parse.GetValue(Out) is { } file)
        {
            await using var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await TableFormat.FromFileName(file.Name).WriteTableAsync(stream, answer.Table, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {answer.Table.RowCount} rows to {file.FullName}"));
        }
        else
        {
            await TextTable.WriteAsync(output, answer.Table, parse.GetValue(MaxRows));
        }
        await output.WriteLineAsync($"sent: {answer.Request.Provenance}");
        return 0;
    }
}
