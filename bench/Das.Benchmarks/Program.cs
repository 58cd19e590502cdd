using BenchmarkDotNet.Running;
using Das.Benchmarks.Tables;

// `parse <file>`: one timed read for /usr/bin/time and the shared harness (prints a DAS_RESULT line);
// otherwise BenchmarkDotNet: dotnet run -c Release --project bench/Das.Benchmarks -- --filter '*Parse*'
if (args.Length >= 2 && args[0] == "parse")
{
    return await ParseOnce.RunAsync(args[1..]);
}
// `xmatch SMALL.csv LARGE.csv [radius] [runs]`: the match step alone, repeated, with phases and CPU time.
if (args.Length >= 3 && args[0] == "xmatch")
{
    return await Das.Benchmarks.Sky.XmatchRepeat.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
