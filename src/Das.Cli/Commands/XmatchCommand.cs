using System.CommandLine;
using System.Globalization;
using Das.Cli.Tables;
using Das.Engine.Access;
using Das.Engine.CrossMatch;
using Das.Engine.Execution;
using Das.Sky.CrossMatch;
using Das.Sky.Positions;
using Das.Sources.Catalog;
using Das.Tables.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Cli.Commands;

/// <summary>
/// <c>das xmatch A B… --radius R</c>: positional cross-match of table A against table files and catalogues of the
/// source catalogue (one result per catalogue). Ends with a <c>DAS_RESULT</c> line (pairs, match and load seconds)
/// for the shared benchmark harness.
/// </summary>
internal static class XmatchCommand
{
    private static readonly string[] Finds = ["best", "all", "best-symmetric"];
    private static readonly string[] Places = ["auto", "local", "remote"];
    private static readonly string[] TableExtensions = [".vot", ".xml", ".csv", ".tsv", ".votable", ".fits"];

    public static Command Create()
    {
        var fileA = new Argument<FileInfo>("a") { Description = "The list, A (VOTable or CSV): every row is looked up in each catalogue." };
        var others = new Argument<string[]>("b")
        {
            Description = "Catalogues: table files (VOTable or CSV), or source ids/aliases of the catalogue (das sources).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var with = new Option<string[]>("--with") { Description = "A source of the catalogue to match against (repeatable).", AllowMultipleArgumentsPerToken = true };
        var radius = new Option<double>("--radius", "-r") { Description = "Match radius in arcsec.", Required = true };
        var find = new Option<string>("--find")
        {
            Description = "best: nearest B for each A row (STILTS find=best1); all: every pair; best-symmetric: each row in at most one pair (STILTS find=best).",
            DefaultValueFactory = _ => "best",
        };
        find.AcceptOnlyFromAmong(Finds);
        var epoch = new Option<string?>("--epoch")
        {
            Description = "Move positions with proper motions to this epoch first (J2016.0, 2000, B1950), or 'auto' for the epoch of the table without motions.",
        };
        var where = new Option<string>("--where")
        {
            Description = "Sources: auto (a cone matched here for a compact list, a TAP upload matched by the archive otherwise), local or remote.",
            DefaultValueFactory = _ => "auto",
        };
        where.AcceptOnlyFromAmong(Places);
        var outFile = new Option<FileInfo?>("--out", "-o") { Description = "Write the joined table (.vot, .csv, .json or .xlsx); with several catalogues, one file each: NAME.<catalogue>.EXT." };
        var maxRows = new Option<int>("--max-rows") { Description = "Rows printed without --out.", DefaultValueFactory = _ => 10 };
        var config = new Option<FileInfo?>("--config") { Description = "A source catalogue file that extends (or replaces) the default catalogue." };
        var groups = new Option<string[]>("--group") { Description = "Access groups you belong to (for restricted sources).", AllowMultipleArgumentsPerToken = true };
        var verbose = new Option<bool>("--verbose") { Description = "Print where the time went (runtime start, reading, index, search, join, output) on stderr." };
        var command = new Command("xmatch", "Cross-match a table by sky position against table files and catalogues of the source catalogue.")
        {
            fileA, others, with, radius, find, epoch, where, outFile, maxRows, config, groups, verbose,
        };
        command.SetAction((parse, ct) => RunAsync(parse, new Arguments(parse.GetValue(fileA)!, [.. parse.GetValue(others) ?? [], .. parse.GetValue(with) ?? []],
            (parse.GetValue(with) ?? []).Length, parse.GetValue(radius), parse.GetValue(find)!, parse.GetValue(epoch), parse.GetValue(where)!,
            parse.GetValue(outFile), parse.GetValue(maxRows), parse.GetValue(config), parse.GetValue(groups) ?? [], parse.GetValue(verbose)), ct));
        return command;
    }

    private sealed record Arguments(FileInfo A, string[] Others, int WithCount, double Radius, string Find, string? Epoch, string Where, FileInfo? Out,
        int MaxRows, FileInfo? Config, string[] Groups, bool Verbose)
    {
        public CrossMatchMode Mode => Find switch
        {
            "all" => CrossMatchMode.All,
            "best-symmetric" => CrossMatchMode.BestSymmetric,
            _ => CrossMatchMode.Best,
        };
    }

    private static async Task<int> RunAsync(ParseResult parse, Arguments args, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (!(args.Radius > 0 && args.Radius <= SkyCrossMatcher.MaxRadiusArcsec))
        {
            await error.WriteLineAsync("das xmatch: --radius must be greater than 0 and at most 648000 arcsec (180 degrees).");
            return DasCli.UsageOrInputError;
        }
        if (args.Others.Length == 0)
        {
            await error.WriteLineAsync("das xmatch: give at least one catalogue: a table file or a source (B, or --with SOURCE).");
            return DasCli.UsageOrInputError;
        }
        string? format = args.Out is null ? null : TableCommand.FormatFromExtension(args.Out.Name);
        if (args.Out is not null && format is null)
        {
            await error.WriteLineAsync($"das xmatch: cannot tell the format of '{args.Out.Name}'; use .vot, .csv, .json or .xlsx.");
            return DasCli.UsageOrInputError;
        }
        double? targetEpoch = null;
        if (args.Epoch is { } e && !string.Equals(e, "auto", StringComparison.OrdinalIgnoreCase))
        {
            targetEpoch = ProperMotion.ParseEpoch(e);
            if (targetEpoch is null)
            {
                await error.WriteLineAsync($"das xmatch: --epoch '{e}' is not an epoch (J2016.0, 2000.5, B1950) or 'auto'.");
                return DasCli.UsageOrInputError;
            }
        }
        if (!args.A.Exists)
        {
            await error.WriteLineAsync($"das xmatch: no such file: {args.A.FullName}");
            return DasCli.UsageOrInputError;
        }
        // A catalogue argument is a file when it names one (a --with value is always a source).
        var files = args.Others.Take(args.Others.Length - args.WithCount).Where(File.Exists).ToHashSet(StringComparer.Ordinal);
        // Something that looks like a path and is not there is a missing file, not a source name.
        foreach (var missing in args.Others.Take(args.Others.Length - args.WithCount).Where(o => !files.Contains(o) && LooksLikePath(o)))
        {
            await error.WriteLineAsync($"das xmatch: no such file: {Path.GetFullPath(missing)}");
            return DasCli.UsageOrInputError;
        }
        var sourceNames = args.Others.Where(o => !files.Contains(o)).ToList();
        if (sourceNames.Count == 0 && files.Count == 1 && args.Others.Length == 1)
        {
            return await FileOnlyAsync(output, error, args, format, targetEpoch, ct);
        }
        return await CataloguesAsync(output, error, args, files, sourceNames, format, targetEpoch, ct);
    }

    // Rows of B per batch when B is streamed: 1.5 MB per double column, small beside a catalogue worth streaming.
    private const int StreamedBatchRows = 1 << 16;

    // A against one file: the benchmark's path, timed step by step.
    private static async Task<int> FileOnlyAsync(TextWriter output, TextWriter error, Arguments args, string? format, double? targetEpoch, CancellationToken ct)
    {
        // B larger than A, and no epochs to bring positions to: B is read in batches and each is looked up as it comes,
        // so memory holds A, its index, one batch of B and B's matching rows, however large B's file.
        if (args.Epoch is null && new FileInfo(Path.GetFullPath(args.Others[0])).Length > args.A.Length)
        {
            return await StreamedFileAsync(output, error, args, format, ct);
        }
        var profile = args.Verbose ? new XmatchProfile(error) : null;
        if (profile is not null)
        {
            await profile.StartedAsync();
        }
        // Both files are read at once: parsing is the bulk of the run and the two reads are independent.
        long start = TimeProvider.System.GetTimestamp();
        var reads = await Task.WhenAll(TableFile.ReadAsync(args.A.FullName, ct), TableFile.ReadAsync(Path.GetFullPath(args.Others[0]), ct));
        double loadSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        var tables = new Table[2];
        for (int i = 0; i < 2; i++)
        {
            if (await FirstTableAsync(reads[i], error) is not { } table)
            {
                return DasCli.UsageOrInputError;
            }
            tables[i] = table;
        }
        var epochs = Epochs(args, targetEpoch, reads[0], tables[0], reads[1], tables[1]);

        if (profile is not null)
        {
            await profile.ReadAsync(reads[0], reads[1], loadSeconds);
        }
        start = TimeProvider.System.GetTimestamp();
        var phases = profile is null ? null : new CrossMatchPhases();
        var found = TableCrossMatch.FindPairs(tables[0], tables[1], args.Radius, args.Mode, epochs, phases);
        double matchSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        if (profile is not null && phases is not null)
        {
            await profile.MatchedAsync(phases, matchSeconds);
        }
        if (found.Pairs is not { } pairs)
        {
            await error.WriteLineAsync("das xmatch: " + found.Failure);
            return DasCli.UsageOrInputError;
        }
        foreach (var note in found.Notes)
        {
            await output.WriteLineAsync(note);
        }

        start = TimeProvider.System.GetTimestamp();
        var joined = TableCrossMatch.Join(tables[0], tables[1], pairs);
        double joinSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;

        await ReportFileMatchAsync(output, args, format, profile, pairs, joined,
            string.Create(CultureInfo.InvariantCulture, $"{pairs.MatchedRowsA()} of {tables[0].RowCount} rows of A matched against {tables[1].RowCount} rows of B"),
            loadSeconds, matchSeconds, joinSeconds, ct);
        return 0;
    }

    private static async Task<int> StreamedFileAsync(TextWriter output, TextWriter error, Arguments args, string? format, CancellationToken ct)
    {
        var profile = args.Verbose ? new XmatchProfile(error) : null;
        if (profile is not null)
        {
            await profile.StartedAsync();
        }
        // A and B are read at once (reading is the bulk of the run); B's first batch waits for A and its index.
        long start = TimeProvider.System.GetTimestamp();
        var readingA = Task.Run(() => TableFile.ReadAsync(args.A.FullName, ct), ct);
        var phases = new CrossMatchPhases();
        StreamedTableMatch? match = null;
        string? startFailure = null;
        double indexSeconds = 0, inBatches = 0;
        void StartMatch(TableFile readA)
        {
            if (match is not null || startFailure is not null || readA.Failure is not null || readA.Tables.Count == 0)
            {
                return; // A's own failure is reported once B is read
            }
            long t = TimeProvider.System.GetTimestamp();
            (match, startFailure) = StreamedTableMatch.Start(readA.Tables[0], args.Radius, args.Mode, phases);
            indexSeconds = TimeProvider.System.GetElapsedTime(t).TotalSeconds;
        }
        var readB = await Task.Run(() => TableFile.ReadAsync(Path.GetFullPath(args.Others[0]), ct, new RowBatches(StreamedBatchRows, batch =>
        {
            // The first table of the file is the catalogue (as when it is read whole).
            if (batch.TableIndex != 0)
            {
                return;
            }
            StartMatch(readingA.GetAwaiter().GetResult());
            if (match is not null)
            {
                long t = TimeProvider.System.GetTimestamp();
                match.Add(batch.Rows);
                inBatches += TimeProvider.System.GetElapsedTime(t).TotalSeconds;
            }
        })), ct);
        var readA = await readingA;
        double readSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        if (await FirstTableAsync(readA, error) is not { } a)
        {
            return DasCli.UsageOrInputError;
        }
        StartMatch(readA);
        if (match is null)
        {
            await error.WriteLineAsync("das xmatch: " + startFailure);
            return DasCli.UsageOrInputError;
        }
        if (await FirstTableAsync(readB, error) is not { } shapeOfB)
        {
            return DasCli.UsageOrInputError;
        }
        // Reading counts what the two reads took together, less the work done in B's batches: the search is the
        // match's, the copy of B's matching rows the join's (as the whole match's join copies them); finding each
        // batch's positions stays with the reading.
        start = TimeProvider.System.GetTimestamp();
        var found = match.FinishPairs(shapeOfB); // (fills in the search time of the phases)
        double selectSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        double searchSeconds = phases.Search.TotalSeconds, keepSeconds = match.KeepTime.TotalSeconds;
        double loadSeconds = readSeconds - indexSeconds - searchSeconds - keepSeconds;
        double matchSeconds = indexSeconds + searchSeconds + selectSeconds;
        if (found.Pairs is not { } pairs)
        {
            await error.WriteLineAsync("das xmatch: " + found.Failure);
            return DasCli.UsageOrInputError;
        }
        if (profile is not null)
        {
            await profile.StreamedAsync(readA, readB, inBatches, keepSeconds, phases, match.RowsB);
        }
        start = TimeProvider.System.GetTimestamp();
        var joined = match.Join(pairs, shapeOfB);
        double joinSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds + keepSeconds;
        await ReportFileMatchAsync(output, args, format, profile, pairs, joined,
            string.Create(CultureInfo.InvariantCulture, $"{pairs.MatchedRowsA()} of {a.RowCount} rows of A matched against {match.RowsB} rows of B (read in batches)"),
            loadSeconds, matchSeconds, joinSeconds, ct);
        return 0;
    }

    // The end of a file-against-file match: the joined table written or shown, the summary line, the profile's last
    // steps and the DAS_RESULT line for the shared benchmark harness.
    private static async Task ReportFileMatchAsync(TextWriter output, Arguments args, string? format, XmatchProfile? profile, CrossMatchResult pairs,
        Table joined, string matched, double loadSeconds, double matchSeconds, double joinSeconds, CancellationToken ct)
    {
        if (profile is not null)
        {
            await profile.StepAsync("join", joinSeconds);
        }
        long start = TimeProvider.System.GetTimestamp();
        if (args.Out is not null && format is { } chosen)
        {
            await WriteAsync(output, args.Out, chosen, joined, ct);
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{pairs.Count} pairs within {args.Radius} arcsec (find={args.Find}); {matched}; load {loadSeconds:0.000} s, match {matchSeconds:0.000} s, join {joinSeconds:0.000} s"));
        if (args.Out is null)
        {
            await TextTable.WriteAsync(output, joined, args.MaxRows);
        }
        if (profile is not null)
        {
            await profile.StepAsync("output", TimeProvider.System.GetElapsedTime(start).TotalSeconds);
            await profile.DoneAsync();
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"DAS_RESULT {{\"rows\": {pairs.Count}, \"match_s\": {matchSeconds:0.0000}, \"load_s\": {loadSeconds:0.0000}}}"));
    }

    // A against several catalogues: files matched here, sources through the catalogue (cone or TAP upload), each
    // printed as it completes.
    private static async Task<int> CataloguesAsync(TextWriter output, TextWriter error, Arguments args, HashSet<string> files, List<string> sourceNames,
        string? format, double? targetEpoch, CancellationToken ct)
    {
        long start = TimeProvider.System.GetTimestamp();
        var readA = await TableFile.ReadAsync(args.A.FullName, ct);
        if (await FirstTableAsync(readA, error) is not { } a)
        {
            return DasCli.UsageOrInputError;
        }
        double loadSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;

        await using var services = sourceNames.Count == 0 ? null : await QueryCommands.BuildServicesAsync(args.Config, null, error, ct);
        var sources = new List<Engine.Sources.IDataSource>();
        if (sourceNames.Count > 0)
        {
            if (services is null)
            {
                return DasCli.UsageOrInputError;
            }
            var catalog = services.GetRequiredService<SourceCatalog>();
            foreach (var name in sourceNames)
            {
                if (catalog.Find(name) is not { } source)
                {
                    await error.WriteLineAsync($"das xmatch: '{name}' is neither a file nor a source of the catalogue (das sources lists them).");
                    return DasCli.UsageOrInputError;
                }
                sources.Add(source);
            }
        }
        var request = new CatalogueMatchRequest
        {
            RadiusArcsec = args.Radius,
            Mode = args.Mode,
            Epochs = args.Epoch is null ? null : new EpochPropagation { TargetEpoch = targetEpoch, EpochA = MotionColumns.DocumentEpoch(readA.Document, a) },
            Place = args.Where switch { "local" => MatchPlace.Local, "remote" => MatchPlace.Remote, _ => MatchPlace.Auto },
        };
        if (sources.Count > 0 && CatalogueCrossMatch.Check(a, request) is { } problem)
        {
            await error.WriteLineAsync("das xmatch: " + problem);
            return DasCli.UsageOrInputError;
        }

        int total = 0, results = files.Count + sources.Distinct().Count();
        bool failed = false;
        start = TimeProvider.System.GetTimestamp();
        foreach (var path in args.Others.Where(files.Contains).Distinct(StringComparer.Ordinal))
        {
            var read = await TableFile.ReadAsync(Path.GetFullPath(path), ct);
            if (await FirstTableAsync(read, error) is not { } b)
            {
                return DasCli.UsageOrInputError;
            }
            var found = TableCrossMatch.Match(a, b, args.Radius, args.Mode, Epochs(args, targetEpoch, readA, a, read, b));
            string label = Path.GetFileNameWithoutExtension(path);
            if (found.Joined is not { } joined)
            {
                await error.WriteLineAsync($"das xmatch: {Path.GetFileName(path)}: {found.Failure}");
                failed = true;
                continue;
            }
            total += joined.RowCount;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {joined.RowCount} pairs; {found.Pairs!.MatchedRowsA()} of {a.RowCount} rows matched (file, matched here)"));
            await ReportAsync(output, args, format, label, results, joined, found.Notes, [], ct);
        }
        if (sources.Count > 0)
        {
            sources = [.. sources.Distinct()];
            var access = AccessContext.ForGroups(Environment.UserName, args.Groups);
            await foreach (var outcome in services!.GetRequiredService<CatalogueCrossMatch>().RunAsync(a, sources, request, access, ct))
            {
                string status = outcome.Status switch
                {
                    OutcomeStatus.Ok or OutcomeStatus.Empty => "ok",
                    OutcomeStatus.Truncated => "part",
                    OutcomeStatus.TimedOut => "time",
                    OutcomeStatus.Skipped => "skip",
                    _ => "FAIL",
                };
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{status,-4} {outcome.Source.Id}: {outcome.Pairs} pairs; {outcome.MatchedRows} of {a.RowCount} rows matched; {outcome.Candidates} candidates ({outcome.Method ?? "not run"}) in {SourceOutcome.Seconds(outcome.Elapsed)}{(outcome.CachedAge is { } age ? $", cached {SourceOutcome.Age(age)} old" : "")}"));
                if (outcome.Message is { } message)
                {
                    await output.WriteLineAsync("     " + message);
                }
                failed |= outcome.Joined is null;
                total += outcome.Pairs;
                await ReportAsync(output, args, format, outcome.Source.Id, results, outcome.Joined, outcome.Notes, outcome.Provenance, ct);
            }
        }
        double matchSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"DAS_RESULT {{\"rows\": {total}, \"match_s\": {matchSeconds:0.0000}, \"load_s\": {loadSeconds:0.0000}}}"));
        return failed ? DasCli.UsageOrInputError : 0;
    }

    private static async Task ReportAsync(TextWriter output, Arguments args, string? format, string label, int results, Table? joined,
        IReadOnlyList<string> notes, IReadOnlyList<string> provenance, CancellationToken ct)
    {
        foreach (var note in notes)
        {
            await output.WriteLineAsync("     " + note);
        }
        foreach (var sent in provenance)
        {
            await output.WriteLineAsync("     sent: " + sent.Replace("\n", "\n           ", StringComparison.Ordinal));
        }
        if (joined is null)
        {
            return;
        }
        if (args.Out is not null && format is { } chosen)
        {
            var target = results == 1 ? args.Out
                : new FileInfo(Path.Combine(args.Out.DirectoryName ?? ".", $"{Path.GetFileNameWithoutExtension(args.Out.Name)}.{Safe(label)}{args.Out.Extension}"));
            await WriteAsync(output, target, chosen, joined, ct);
        }
        else
        {
            await TextTable.WriteAsync(output, joined, args.MaxRows);
        }
    }

    private static bool LooksLikePath(string text) =>
        text.StartsWith('/') || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal) ||
        TableExtensions.Any(e => text.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static string Safe(string label) => new([.. label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);

    private static async Task WriteAsync(TextWriter output, FileInfo target, string format, Table joined, CancellationToken ct)
    {
        long start = TimeProvider.System.GetTimestamp();
        var document = new VoTableDocument { Resources = [new Resource { Tables = [joined] }] };
        await using (var stream = new FileStream(target.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await TableCommand.WriteAsync(stream, format, document, [joined], ct);
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {target.FullName} ({format}, {joined.RowCount} rows) in {TimeProvider.System.GetElapsedTime(start).TotalSeconds:0.000} s"));
    }

    private static EpochPropagation? Epochs(Arguments args, double? target, TableFile readA, Table a, TableFile readB, Table b) =>
        args.Epoch is null ? null : new EpochPropagation
        {
            TargetEpoch = target,
            EpochA = MotionColumns.DocumentEpoch(readA.Document, a),
            EpochB = MotionColumns.DocumentEpoch(readB.Document, b),
        };

    private static async Task<Table?> FirstTableAsync(TableFile read, TextWriter error)
    {
        if (read.Failure is { } failure)
        {
            await error.WriteLineAsync($"das xmatch: {Path.GetFileName(read.Path)}: {failure.Message}");
            return null;
        }
        if (read.Tables.Count == 0)
        {
            await error.WriteLineAsync($"das xmatch: {Path.GetFileName(read.Path)} holds no table.");
            return null;
        }
        return read.Tables[0];
    }
}
