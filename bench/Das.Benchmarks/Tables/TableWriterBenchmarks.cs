using BenchmarkDotNet.Attributes;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.Writers.Csv;
using Das.Tables.Writers.Json;
using Das.Tables.Writers.VoTable;
using Das.Tables.Writers.Xlsx;

namespace Das.Benchmarks.Tables;

/// <summary>
/// Writing a typical catalogue table (id, ra, dec, 3 magnitudes with nulls, a flag, a name, a short array) to a
/// null stream: the cost of serialisation alone. Run with
/// <c>dotnet run -c Release --project bench/Das.Benchmarks -- --filter '*TableWriter*'</c>.
/// </summary>
[MemoryDiagnoser]
public class TableWriterBenchmarks
{
    private Table _table = null!;

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _table = CatalogueTable(Rows, seed: 42);

    [Benchmark(Baseline = true)]
    public Task VoTableBinary2() =>
        VoTableWriter.WriteTableAsync(Stream.Null, _table, new VoTableWriteOptions { Serialization = VoTableSerialization.Binary2 }, CancellationToken.None);

    [Benchmark]
    public Task VoTableTableData() =>
        VoTableWriter.WriteTableAsync(Stream.Null, _table, new VoTableWriteOptions { Serialization = VoTableSerialization.TableData }, CancellationToken.None);

    [Benchmark]
    public Task Csv() => CsvWriter.WriteAsync(Stream.Null, _table, null, CancellationToken.None);

    [Benchmark]
    public Task Json() => TableJsonWriter.WriteAsync(Stream.Null, _table, null, CancellationToken.None);

    [Benchmark]
    public Task Xlsx() => XlsxWriter.WriteTableAsync(Stream.Null, _table, CancellationToken.None);

    /// <summary>A seeded table shaped like a Gaia/2MASS cone-search answer.</summary>
    public static Table CatalogueTable(int rows, int seed)
    {
        var rng = new Random(seed);
        var id = new ScalarColumn<long>(new Field { Name = "source_id", DataType = VoDataType.Long, Ucd = "meta.id;meta.main" });
        var ra = new ScalarColumn<double>(new Field { Name = "ra", DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.ra;meta.main" });
        var dec = new ScalarColumn<double>(new Field { Name = "dec", DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.dec;meta.main" });
        var mags = Enumerable.Range(0, 3).Select(i => new ScalarColumn<float>(new Field { Name = "mag" + i, DataType = VoDataType.Float, Unit = "mag", Ucd = "phot.mag" })).ToArray();
        var flag = new ScalarColumn<bool>(new Field { Name = "flag", DataType = VoDataType.Boolean });
        var name = new StringColumn(new Field { Name = "name", DataType = VoDataType.Char, ArraySize = ArraySize.Variable });
        var pm = new ArrayColumn<float>(new Field { Name = "pm", DataType = VoDataType.Float, ArraySize = ArraySize.Fixed(2), Unit = "mas/yr" });
        Span<float> pair = stackalloc float[2];
        for (int r = 0; r < rows; r++)
        {
            id.Append(4295806720L * 1000 + r);
            ra.Append(rng.NextDouble() * 360);
            dec.Append(rng.NextDouble() * 180 - 90);
            foreach (var m in mags)
            {
                if (rng.Next(10) == 0)
                {
                    m.AppendNull();
                }
                else
                {
                    m.Append((float)(10 + rng.NextDouble() * 10));
                }
            }
            flag.Append(rng.Next(2) == 0);
            name.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"J{rng.Next(1000000):D6}+{rng.Next(1000000):D6}"));
            pair[0] = (float)rng.NextDouble();
            pair[1] = (float)rng.NextDouble();
            pm.Append(pair);
        }
        return new Table([id, ra, dec, .. mags, flag, name, pm]) { Name = "catalogue" };
    }
}
