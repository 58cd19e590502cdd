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
        command.Subcommands.Add(Fanout());
        command.Subcommands.Add(Hips());
        command.Subcommands.Add(Downloads());
        return command;
    }

    private static Command Hips()
    {
        var dachs = new Option<string>("--dachs") { Description = "The DaCHS peer (its 12 images are the input).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DAS_DACHS_URL") ?? "http://127.0.0.1:8089" };
        var runs = new Option<int>("--runs") { Description = "Alternating runs of each (the best of each is compared).", DefaultValueFactory = _ => 2 };
        var command = new Command("hips", "The hips job on the DaCHS peer's 12 images against a bare Hipsgen run of the same files.") { dachs, runs };
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(dachs)!.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || parse.GetValue(runs) < 1)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("das bench hips: --dachs must be an http URL and --runs at least 1");
                return DasCli.UsageOrInputError;
            }
            return await Bench.HipsBench.RunAsync(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, uri, parse.GetValue(runs), ct);
        });
        return command;
    }

    private static Command Fanout()
    {
        var sources = new Option<int>("--sources") { Description = "Fake archives on loopback.", DefaultValueFactory = _ => 40 };
        var fastest = new Option<double>("--fastest-ms") { Description = "Latency of the fastest archive.", DefaultValueFactory = _ => 10 };
        var slowest = new Option<double>("--slowest-ms") { Description = "Latency of the slowest archive.", DefaultValueFactory = _ => 2000 };
        var runs = new Option<int>("--runs") { Description = "Fan-out runs measured (after one warm-up).", DefaultValueFactory = _ => 10 };
        var cachedRuns = new Option<int>("--cached-runs") { Description = "Fully cached queries measured.", DefaultValueFactory = _ => 1000 };
        var sequential = new Option<bool>("--sequential") { Description = "Also ask the archives one after another, as a script loop does.", DefaultValueFactory = _ => true };
        var command = new Command("fanout", "Fan-out overhead: first result vs the fastest archive, all results vs the slowest, cached queries, and a sequential loop.")
        {
            sources, fastest, slowest, runs, cachedRuns, sequential,
        };
        command.SetAction((parse, ct) => Bench.FanoutBench.RunAsync(parse.InvocationConfiguration.Output,
            new Bench.FanoutBench.Settings(parse.GetValue(sources), parse.GetValue(fastest), parse.GetValue(slowest), parse.GetValue(runs),
                parse.GetValue(cachedRuns), parse.GetValue(sequential)), ct));
        return command;
    }

    private static Command Downloads()
    {
        var files = new Option<int>("--files") { Description = "Concurrent downloads.", DefaultValueFactory = _ => 10 };
        var size = new Option<int>("--size-mb") { Description = "Size of each file in MB (10^6 bytes).", DefaultValueFactory = _ => 500 };
        var rate = new Option<int>("--mb-per-second") { Description = "The loopback server's total bandwidth, MB/s, shared by all downloads.", DefaultValueFactory = _ => 200 };
        var directory = new Option<DirectoryInfo?>("--dir") { Description = "Where the download store goes (removed afterwards); default a temp directory." };
        var command = new Command("downloads", "Concurrent large downloads over a throttled loopback server: share of the bandwidth kept, memory growth.")
        {
            files, size, rate, directory,
        };
        command.SetAction((parse, ct) => Bench.DownloadBench.RunAsync(parse.InvocationConfiguration.Output,
            new Bench.DownloadBench.Settings(parse.GetValue(files), parse.GetValue(size), parse.GetValue(rate), parse.GetValue(directory)?.FullName), ct));
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
                $"DAS_RESULT {{\"rows\": {rows}, \"load_s\": {read.Elapsed.TotalSeconds:0.0000}, \"bytes\": {read.Bytes}, \"column_bytes\": {read.Tables.Sum(t => t.AllocatedBytes)}, \"data_bytes\": {read.Tables.Sum(t => t.DataBytes)}, \"truncated\": {(truncated ? "true" : "false")}}}"));
            // A table cut short is not a complete parse: the harness must not count it as one.
            return truncated ? DasCli.UsageOrInputError : 0;
        });
        return command;
    }
}
