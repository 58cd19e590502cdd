using System.Diagnostics;
using System.Globalization;
using Das.Sky.CrossMatch;
using Das.Tables.Columns;
using Das.Tables.Csv;

namespace Das.Benchmarks.Sky;

/// <summary>
/// <c>xmatch SMALL.csv LARGE.csv [radius] [runs]</c>: the match step alone, repeated in one process, each mode, with
/// its phases and the process CPU time of each run (CPU time stays meaningful when the machine is busy).
/// </summary>
public static class XmatchRepeat
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (raA, decA) = await PositionsAsync(args[0]);
        var (raB, decB) = await PositionsAsync(args[1]);
        double radius = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1.0;
        int runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{raA.Length} x {raB.Length} rows at {radius}\"; load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        using var self = Process.GetCurrentProcess();
        foreach (var mode in new[] { CrossMatchMode.Best, CrossMatchMode.All, CrossMatchMode.BestSymmetric })
        {
            for (int run = 1; run <= runs; run++)
            {
                var phases = new CrossMatchPhases();
                self.Refresh();
                var cpu = self.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                var result = SkyCrossMatcher.Match(raA, decA, raB, decB, radius, mode, phases);
                double seconds = wall.Elapsed.TotalSeconds;
                self.Refresh();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mode,-14} run {run}: {result.Count} pairs, wall {seconds * 1000:0.0} ms, cpu {(self.TotalProcessorTime - cpu).TotalMilliseconds:0.0} ms; index {phases.IndexedSide} {phases.Index.TotalMilliseconds:0.0} ms, search {phases.Search.TotalMilliseconds:0.0} ms, select {phases.Select.TotalMilliseconds:0.0} ms"));
            }
        }
        return 0;
    }

    private static async Task<(double[] Ra, double[] Dec)> PositionsAsync(string path)
    {
        var read = await CsvReader.ReadFileAsync(path, CsvReaderOptions.Default);
        var table = read.Table ?? throw new InvalidOperationException(read.Failure?.Message);
        var ra = (ScalarColumn<double>)table.FindColumn("ra")!;
        var dec = (ScalarColumn<double>)table.FindColumn("dec")!;
        double[] r = new double[ra.Count], d = new double[dec.Count];
        ra.CopyTo(0, r);
        dec.CopyTo(0, d);
        return (r, d);
    }
}
