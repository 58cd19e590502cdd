using System.CommandLine;
using System.Globalization;
using Das.Cli.Tables;
using Das.Engine.CrossMatch;
using Das.Sky.CrossMatch;
using Das.Tables.Model;

namespace Das.Cli.Commands;

/// <summary>
/// <c>das xmatch A B --radius R</c>: positional cross-match of two table files. Ends with a <c>DAS_RESULT</c> line
/// (pairs, match and load seconds) for the shared benchmark harness.
/// </summary>
internal static class XmatchCommand
{
    private static readonly string[] Finds = ["best", "all", "best-symmetric"];

    public static Command Create()
    {
        var fileA = new Argument<FileInfo>("a") { Description = "Catalogue A (VOTable or CSV): every row is looked up in B." };
        var fileB = new Argument<FileInfo>("b") { Description = "Catalogue B (VOTable or CSV)." };
        var radius = new Option<double>("--radius", "-r") { Description = "Match radius in arcsec.", Required = true };
        var find = new Option<string>("--find")
        {
            Description = "best: nearest B for each A row (STILTS find=best1); all: every pair; best-symmetric: each row in at most one pair (STILTS find=best).",
            DefaultValueFactory = _ => "best",
        };
        find.AcceptOnlyFromAmong(Finds);
        var outFile = new Option<FileInfo?>("--out", "-o") { Description = "Write the joined table (.vot, .csv, .json or .xlsx) instead of printing its first rows." };
        var maxRows = new Option<int>("--max-rows") { Description = "Rows printed without --out.", DefaultValueFactory = _ => 10 };
        var command = new Command("xmatch", "Cross-match two table files by sky position (RA/Dec found by UCD or name).")
        {
            fileA, fileB, radius, find, outFile, maxRows,
        };
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(fileA)!, parse.GetValue(fileB)!, parse.GetValue(radius),
            parse.GetValue(find)!, parse.GetValue(outFile), parse.GetValue(maxRows), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, FileInfo fileA, FileInfo fileB, double radius, string find, FileInfo? outFile,
        int maxRows, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (!(radius > 0 && radius <= SkyCrossMatcher.MaxRadiusArcsec))
        {
            await error.WriteLineAsync("das xmatch: --radius must be greater than 0 and at most 648000 arcsec (180 degrees).");
            return DasCli.UsageOrInputError;
        }
        string? format = outFile is null ? null : TableCommand.FormatFromExtension(outFile.Name);
        if (outFile is not null && format is null)
        {
            await error.WriteLineAsync($"das xmatch: cannot tell the format of '{outFile.Name}'; use .vot, .csv, .json or .xlsx.");
            return DasCli.UsageOrInputError;
        }
        foreach (var file in new[] { fileA, fileB }.Where(f => !f.Exists))
        {
            await error.WriteLineAsync($"das xmatch: no such file: {file.FullName}");
            return DasCli.UsageOrInputError;
        }

        // Both files are read at once: parsing is the bulk of the run and the two reads are independent.
        long start = TimeProvider.System.GetTimestamp();
        var reads = await Task.WhenAll(TableFile.ReadAsync(fileA.FullName, ct), TableFile.ReadAsync(fileB.FullName, ct));
        double loadSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        var tables = new Table[2];
        for (int i = 0; i < 2; i++)
        {
            var read = reads[i];
            if (read.Failure is { } failure)
            {
                await error.WriteLineAsync($"das xmatch: {Path.GetFileName(read.Path)}: {failure.Message}");
                return DasCli.UsageOrInputError;
            }
            if (read.Tables.Count == 0)
            {
                await error.WriteLineAsync($"das xmatch: {Path.GetFileName(read.Path)} holds no table.");
                return DasCli.UsageOrInputError;
            }
            tables[i] = read.Tables[0];
        }

        var mode = find switch
        {
            "all" => CrossMatchMode.All,
            "best-symmetric" => CrossMatchMode.BestSymmetric,
            _ => CrossMatchMode.Best,
        };
        start = TimeProvider.System.GetTimestamp();
        var found = TableCrossMatch.FindPairs(tables[0], tables[1], radius, mode);
        double matchSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        if (found.Pairs is not { } pairs)
        {
            await error.WriteLineAsync("das xmatch: " + found.Failure);
            return DasCli.UsageOrInputError;
        }

        start = TimeProvider.System.GetTimestamp();
        var joined = TableCrossMatch.Join(tables[0], tables[1], pairs);
        double joinSeconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;

        if (outFile is not null && format is { } chosen)
        {
            start = TimeProvider.System.GetTimestamp();
            var document = new VoTableDocument { Resources = [new Resource { Tables = [joined] }] };
            await using (var stream = new FileStream(outFile.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await TableCommand.WriteAsync(stream, chosen, document, [joined], ct);
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {outFile.FullName} ({chosen}, {joined.RowCount} rows) in {TimeProvider.System.GetElapsedTime(start).TotalSeconds:0.000} s"));
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{pairs.Count} pairs within {radius} arcsec (find={find}); {pairs.MatchedRowsA()} of {tables[0].RowCount} rows of A matched against {tables[1].RowCount} rows of B; load {loadSeconds:0.000} s, match {matchSeconds:0.000} s, join {joinSeconds:0.000} s"));
        if (outFile is null)
        {
            await TextTable.WriteAsync(output, joined, maxRows);
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"DAS_RESULT {{\"rows\": {pairs.Count}, \"match_s\": {matchSeconds:0.0000}, \"load_s\": {loadSeconds:0.0000}}}"));
        return 0;
    }
}
