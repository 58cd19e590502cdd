using BenchmarkDotNet.Attributes;
using Das.Sky.Frames;
using Das.Sky.Parsing;
using Das.Sky.Positions;

namespace Das.Benchmarks.Sky;

/// <summary>
/// Position parsing over the 10 000 mixed strings of bench/sky/positions.txt (the file astropy_parse.py times too),
/// and frame conversion to ICRS. Results are per string / per position (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class PositionParseBenchmarks
{
    private const int Count = 10_000;

    private string[] _texts = [];
    private double[] _lon = [];
    private double[] _lat = [];

    [GlobalSetup]
    public void Setup()
    {
        string path = FindPositionsFile();
        _texts = [.. File.ReadLines(path).Select(line => line[(line.IndexOf('\t', StringComparison.Ordinal) + 1)..])];
        if (_texts.Length != Count)
        {
            throw new InvalidDataException($"{path} has {_texts.Length} strings, expected {Count}");
        }

        foreach (string text in _texts)
        {
            PositionParseResult result = PositionParser.Parse(text);
            if (!result.Success)
            {
                throw new InvalidDataException($"Das cannot parse benchmark string '{text}': {result.Error}");
            }
        }

        var rng = new Random(20261124);
        _lon = [.. Enumerable.Range(0, Count).Select(_ => rng.NextDouble() * 360)];
        _lat = [.. Enumerable.Range(0, Count).Select(_ => (Math.Asin((2 * rng.NextDouble()) - 1) * 180) / Math.PI)];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double ParseMixedStrings()
    {
        double sum = 0;
        foreach (string text in _texts)
        {
            if (PositionParser.Parse(text).TryGetPosition(out SkyPosition p))
            {
                sum += p.Dec;
            }
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double GalacticToIcrs() => Convert(SkyFrame.Galactic);

    [Benchmark(OperationsPerInvoke = Count)]
    public double Fk4ToIcrs() => Convert(SkyFrame.Fk4);

    private double Convert(SkyFrame frame)
    {
        double sum = 0;
        for (int i = 0; i < _lon.Length; i++)
        {
            sum += SkyFrames.ToIcrs(frame, _lon[i], _lat[i]).Ra;
        }

        return sum;
    }

    /// <summary>DAS_BENCH_POSITIONS, else bench/sky/positions.txt found upwards from the working directory.</summary>
    private static string FindPositionsFile()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("DAS_BENCH_POSITIONS");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        for (DirectoryInfo? dir = new(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "bench", "sky", "positions.txt");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("bench/sky/positions.txt not found: run /usr/bin/python3 bench/sky/make_positions.py or set DAS_BENCH_POSITIONS");
    }
}
