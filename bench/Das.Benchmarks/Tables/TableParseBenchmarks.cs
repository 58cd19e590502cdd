using BenchmarkDotNet.Attributes;
using Das.Tables.Csv;
using Das.Tables.VoTable;

namespace Das.Benchmarks.Tables;

/// <summary>
/// VOTable (BINARY2, TABLEDATA) and CSV parsing of the shared benchmark catalogue (21 columns with nulls, text and
/// unicode). Data comes from /work/shared/bench/gen_data.py; set DAS_BENCH_DATA to its output directory
/// (default /tmp/das-bench/data). Sizes: 1e4 and 1e5 rows (1e6 is for the whole-process harness).
/// </summary>
[MemoryDiagnoser]
public class TableParseBenchmarks
{
    private string _dir = "";

    [Params("1e4", "1e5")]
    public string Rows { get; set; } = "1e4";

    [Params(true, false)]
    public bool TwoCores { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Environment.GetEnvironmentVariable("DAS_BENCH_DATA") ?? "/tmp/das-bench/data";
        if (!File.Exists(Path.Combine(_dir, $"cat_{Rows}.b2.vot")))
        {
            throw new InvalidOperationException($"no benchmark data in {_dir}: run /work/shared/bench/gen_data.py --out {_dir}");
        }
    }

    [Benchmark]
    public async Task<int> VoTableBinary2()
    {
        var result = await VoTableReader.ReadFileAsync(Path.Combine(_dir, $"cat_{Rows}.b2.vot"), new VoTableReaderOptions { UseMultipleCores = TwoCores });
        return result.Document!.FirstResultsTable()!.RowCount;
    }

    [Benchmark]
    public async Task<int> VoTableTableData()
    {
        var result = await VoTableReader.ReadFileAsync(Path.Combine(_dir, $"cat_{Rows}.td.vot"), new VoTableReaderOptions { UseMultipleCores = TwoCores });
        return result.Document!.FirstResultsTable()!.RowCount;
    }

    [Benchmark]
    public async Task<int> Csv()
    {
        var result = await CsvReader.ReadFileAsync(Path.Combine(_dir, $"cat_{Rows}.csv"), new CsvReaderOptions { UseMultipleCores = TwoCores });
        return result.Table!.RowCount;
    }
}
