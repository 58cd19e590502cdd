using System.CommandLine;
using System.Globalization;

namespace Das.Cli.Commands;

/// <summary>
/// <c>das bench ...</c>: single timed runs for the shared benchmark harness (../shared/bench/harness.py), which reads
/// the last line <c>DAS_RESULT {json}</c>. Repeated, statistically sound timings live in bench/Das.Benchmarks.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Timed runs for the shared benchmark harness (prints a DAS_RESULT line).");
        command.Subcommands.Add(Parse());
        return command;
    }

    private static Command Parse()
    {
        var file = new Argument<FileInfo>("file") { Description = "A VOTable (TABLEDATA, BINARY, BINARY2) or CSV file." };
        var command = new Command("parse", "Read a table file into memory once; print rows and seconds.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var read = await TableCommand.ReadOrReportAsync(parse, parse.GetValue(file)!, ct);
            if (read is null)
            {
                return DasCli.UsageOrInputError;
            }
            long rows = read.Tables.Sum(t => (long)t.RowCount);
            bool truncated = read.Tables.Any(t => t.IsTruncated);
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"DAS_RESULT {{\"rows\": {rows}, \"load_s\": {read.Elapsed.TotalSeconds:0.0000}, \"bytes\": {read.Bytes}, \"column_bytes\": {read.Tables.Sum(t => t.AllocatedBytes)}, \"truncated\": {(truncated ? "true" : "false")}}}"));
            // A table cut short is not a complete parse: the harness must not count it as one.
            return truncated ? DasCli.UsageOrInputError : 0;
        });
        return command;
    }
}
