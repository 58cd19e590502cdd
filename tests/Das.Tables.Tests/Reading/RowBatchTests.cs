using System.Collections;
using System.Globalization;
using System.Text;
using Das.Tables.Columns;
using Das.Tables.Csv;
using Das.Tables.Model;
using Das.Tables.Tests.Interop;
using Das.Tables.VoTable;
using Das.Tables.Writers.Csv;
using Das.Tables.Writers.VoTable;

namespace Das.Tables.Tests.Reading;

/// <summary>
/// Reading in batches (<see cref="RowBatches"/>) hands over exactly the rows a whole read keeps, in order, whatever
/// the batch size, serialization, truncation or row cap; the result keeps the metadata and no rows.
/// </summary>
public sealed class RowBatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<byte[]> VoTableBytesAsync(VoTableDocument document, VoTableSerialization serialization)
    {
        using var stream = new MemoryStream();
        await VoTableWriter.WriteAsync(stream, document, new VoTableWriteOptions { Serialization = serialization }, Ct);
        return stream.ToArray();
    }

    private static VoTableDocument Document(params Table[] tables) =>
        new() { Resources = [.. tables.Select(t => new Resource { Tables = [t] })] };

    private static async Task<(VoTableReadResult Whole, VoTableReadResult Batched, List<RowBatch> Batches)> ReadBothAsync(byte[] bytes, int batchRows,
        long? maxRows = null)
    {
        var whole = await VoTableReader.ReadAsync(new MemoryStream(bytes), new VoTableReaderOptions { MaxRows = maxRows }, Ct);
        var batches = new List<RowBatch>();
        var batched = await VoTableReader.ReadAsync(new MemoryStream(bytes),
            new VoTableReaderOptions { MaxRows = maxRows, RowBatches = new RowBatches(batchRows, Keep(batches)) }, Ct);
        return (whole, batched, batches);
    }

    [Theory]
    [InlineData(VoTableSerialization.Binary2, 1)]
    [InlineData(VoTableSerialization.Binary2, 37)]
    [InlineData(VoTableSerialization.Binary2, 5000)]
    [InlineData(VoTableSerialization.TableData, 1)]
    [InlineData(VoTableSerialization.TableData, 37)]
    [InlineData(VoTableSerialization.TableData, 5000)]
    public async Task Votable_batches_hold_every_row_of_a_whole_read_in_order(VoTableSerialization serialization, int batchRows)
    {
        var bytes = await VoTableBytesAsync(Document(RandomTables.Create(seed: 11, rows: 3000, name: "random")), serialization);
        var (whole, batched, batches) = await ReadBothAsync(bytes, batchRows);

        Assert.True(batched.Succeeded, batched.Failure?.Message);
        var expected = Assert.Single(whole.Document!.AllTables());
        AssertBatchesAre(expected, batches, batchRows, tableIndex: 0);
        var left = Assert.Single(batched.Document!.AllTables());
        Assert.Equal(0, left.RowCount);
        Assert.Equal("random", left.Name);
        Assert.Equal(expected.Columns.Select(c => c.Field), left.Columns.Select(c => c.Field));
    }

    [Fact]
    public async Task Batches_of_several_tables_name_their_table_and_each_table_ends_before_the_next_begins()
    {
        var bytes = await VoTableBytesAsync(Document(RandomTables.Create(1, 700, "first"), RandomTables.Create(2, 900, "second")), VoTableSerialization.Binary2);
        var (whole, _, batches) = await ReadBothAsync(bytes, 100);

        var tables = whole.Document!.AllTables().ToList();
        Assert.Equal([0, 1], batches.Select(b => b.TableIndex).Distinct());
        Assert.True(batches.FindLastIndex(b => b.TableIndex == 0) < batches.FindIndex(b => b.TableIndex == 1));
        AssertBatchesAre(tables[0], [.. batches.Where(b => b.TableIndex == 0)], 100, 0);
        AssertBatchesAre(tables[1], [.. batches.Where(b => b.TableIndex == 1)], 100, 1);
        Assert.Equal(["first", "second"], batches.Select(b => b.Rows.Name).Distinct());
    }

    [Theory]
    [InlineData(VoTableSerialization.Binary2)]
    [InlineData(VoTableSerialization.TableData)]
    public async Task A_document_cut_short_hands_over_the_rows_read_before_the_cut_and_stays_marked_truncated(VoTableSerialization serialization)
    {
        var bytes = await VoTableBytesAsync(Document(RandomTables.Create(5, 4000)), serialization);
        var cut = bytes[..(bytes.Length * 3 / 5)];
        var (whole, batched, batches) = await ReadBothAsync(cut, 250);

        var expected = Assert.Single(whole.Document!.AllTables());
        Assert.True(expected.RowCount is > 1000 and < 4000);
        AssertBatchesAre(expected, batches, 250, 0);
        Assert.Equal(expected.Truncation?.Reason, Assert.Single(batched.Document!.AllTables()).Truncation?.Reason);
        Assert.NotNull(expected.Truncation);
    }

    [Fact]
    public async Task The_row_cap_counts_the_rows_of_every_batch()
    {
        var bytes = await VoTableBytesAsync(Document(RandomTables.Create(8, 2000)), VoTableSerialization.Binary2);
        var (whole, batched, batches) = await ReadBothAsync(bytes, 30, maxRows: 100);

        Assert.Equal(100, batches.Sum(b => b.Rows.RowCount));
        AssertBatchesAre(Assert.Single(whole.Document!.AllTables()), batches, 30, 0);
        Assert.Equal(TruncationReason.RowCap, Assert.Single(batched.Document!.AllTables()).Truncation?.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(333)]
    [InlineData(100_000)]
    public async Task Csv_batches_hold_every_row_of_a_whole_read_in_order(int batchRows)
    {
        using var stream = new MemoryStream();
        await CsvWriter.WriteAsync(stream, ScalarTable(seed: 3, rows: 20_000), null, Ct);
        var bytes = stream.ToArray();
        var whole = await CsvReader.ReadAsync(new MemoryStream(bytes), null, Ct);
        var batches = new List<RowBatch>();
        var batched = await CsvReader.ReadAsync(new MemoryStream(bytes), new CsvReaderOptions { RowBatches = new RowBatches(batchRows, Keep(batches)) }, Ct);

        Assert.True(batched.Succeeded, batched.Failure?.Message);
        AssertBatchesAre(whole.Table!, batches, batchRows, 0);
        Assert.Equal(0, batched.Table!.RowCount);
        Assert.Equal(whole.Table!.Columns.Select(c => c.Field), batched.Table.Columns.Select(c => c.Field));
    }

    [Fact]
    public async Task A_csv_column_widened_part_way_is_wider_in_later_batches_and_keeps_every_value()
    {
        // Integers for the first rows (the type is inferred from them), then a decimal: the column becomes double.
        var text = new StringBuilder("id,x\n");
        // (Enough rows for several blocks of the reader, the decimal in a late one.)
        const int rows = 200_000, late = 190_000;
        for (int i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},{(i == late ? "2.5" : i.ToString(CultureInfo.InvariantCulture))}\n");
        }
        var batches = new List<RowBatch>();
        var options = new CsvReaderOptions { InferenceRows = 100, RowBatches = new RowBatches(20_000, Keep(batches)) };
        var batched = await CsvReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), options, Ct);

        Assert.IsType<ScalarColumn<long>>(batches[0].Rows.Columns[1]);
        Assert.IsType<ScalarColumn<double>>(batches[^1].Rows.Columns[1]);
        Assert.Equal(VoDataType.Double, batched.Table!.Columns[1].Field.DataType);
        var values = batches.SelectMany(b => Enumerable.Range(0, b.Rows.RowCount).Select(r => Convert.ToDouble(b.Rows.Columns[1].GetValue(r), CultureInfo.InvariantCulture)));
        Assert.Equal(Enumerable.Range(0, rows).Select(i => i == late ? 2.5 : i), values);
    }

    [Fact]
    public async Task A_batch_is_emptied_when_its_receiver_returns_and_its_storage_takes_the_next_rows()
    {
        var bytes = await VoTableBytesAsync(Document(RandomTables.Create(9, 3000)), VoTableSerialization.Binary2);
        var seen = new List<Table>();
        var counts = new List<int>();
        await VoTableReader.ReadAsync(new MemoryStream(bytes), new VoTableReaderOptions
        {
            RowBatches = new RowBatches(500, b =>
            {
                seen.Add(b.Rows);
                counts.Add(b.Rows.RowCount);
            }),
        }, Ct);

        Assert.True(seen.Count > 1);
        Assert.All(counts, n => Assert.True(n > 0));
        Assert.All(seen, t => Assert.Equal(0, t.RowCount));
        // The double columns kept their storage: the same column objects came back batch after batch.
        var doubles = seen.Select(t => t.Columns.First(c => c is ScalarColumn<double>)).Distinct().Count();
        Assert.Equal(1, doubles);
    }

    [Fact]
    public void A_batch_holds_at_least_one_row()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RowBatches(0, _ => { }));
    }

    // Batches are emptied when the receiver returns: the test keeps a copy of each.
    private static Action<RowBatch> Keep(List<RowBatch> into) => batch =>
    {
        var copy = new RowCollector();
        copy.Add(batch.Rows, [.. Enumerable.Range(0, batch.Rows.RowCount)]);
        into.Add(batch with { Rows = copy.ToTable(batch.Rows) });
    };

    // The batches, in order, hold the expected table's rows: contiguous first rows from 0, every batch but the last
    // at least the size asked for, and every cell the same.
    private static void AssertBatchesAre(Table expected, List<RowBatch> batches, int batchRows, int tableIndex)
    {
        Assert.NotEmpty(batches);
        long next = 0;
        for (int i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            Assert.Equal(tableIndex, batch.TableIndex);
            Assert.Equal(next, batch.FirstRow);
            Assert.True(batch.Rows.RowCount > 0);
            if (i < batches.Count - 1)
            {
                Assert.True(batch.Rows.RowCount >= batchRows, $"batch {i} has {batch.Rows.RowCount} rows, fewer than {batchRows}");
            }
            Assert.Equal(expected.Columns.Select(c => c.Name), batch.Rows.Columns.Select(c => c.Name));
            for (int c = 0; c < expected.Columns.Count; c++)
            {
                for (int r = 0; r < batch.Rows.RowCount; r++)
                {
                    string want = CellText(expected.Columns[c].GetValue((int)(batch.FirstRow + r)));
                    string got = CellText(batch.Rows.Columns[c].GetValue(r));
                    if (want != got)
                    {
                        Assert.Fail($"table {tableIndex}, column {expected.Columns[c].Name}, row {batch.FirstRow + r}: expected {want}, got {got}");
                    }
                }
            }
            next += batch.Rows.RowCount;
        }
        Assert.Equal(expected.RowCount, next);
    }

    private static string CellText(object? value) => value switch
    {
        null => "(null)",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(CellText)) + "]",
        _ => value.ToString() ?? "",
    };

    // CSV carries scalars only: long, double, text and boolean columns with nulls.
    private static Table ScalarTable(int seed, int rows)
    {
        var rng = new Random(seed);
        var id = new ScalarColumn<long>(new Field { Name = "id", DataType = VoDataType.Long });
        var ra = new ScalarColumn<double>(new Field { Name = "ra", DataType = VoDataType.Double });
        var name = new StringColumn(new Field { Name = "name", DataType = VoDataType.Char, ArraySize = ArraySize.Variable });
        var flag = new ScalarColumn<bool>(new Field { Name = "flag", DataType = VoDataType.Boolean });
        for (int r = 0; r < rows; r++)
        {
            id.Append(r);
            if (rng.NextDouble() < 0.1)
            {
                ra.AppendNull();
            }
            else
            {
                ra.Append(rng.NextDouble() * 360);
            }
            name.Append($"src, \"{r}\" é");
            flag.Append(rng.Next(2) == 1);
        }
        return new Table([id, ra, name, flag]);
    }
}
