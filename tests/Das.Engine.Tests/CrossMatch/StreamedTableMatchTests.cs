using System.Globalization;
using Das.Engine.CrossMatch;
using Das.Sky.CrossMatch;
using Das.Tables.Columns;
using Das.Tables.Csv;
using Das.Tables.Model;

namespace Das.Engine.Tests.CrossMatch;

/// <summary>B read in batches gives the joined table of the match on the whole of B, row for row and cell for cell.</summary>
public sealed class StreamedTableMatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "CrossMatch", "Fixtures", name);

    [Theory]
    [InlineData(CrossMatchMode.All, 1)]
    [InlineData(CrossMatchMode.All, 97)]
    [InlineData(CrossMatchMode.Best, 1)]
    [InlineData(CrossMatchMode.Best, 97)]
    [InlineData(CrossMatchMode.BestSymmetric, 13)]
    [InlineData(CrossMatchMode.BestSymmetric, 5000)]
    public async Task Batches_of_B_give_the_joined_table_of_the_whole_match(CrossMatchMode mode, int batchRows)
    {
        var a = (await CsvReader.ReadFileAsync(Fixture("a.csv"), cancellationToken: Ct)).Table!;
        var b = (await CsvReader.ReadFileAsync(Fixture("b.csv"), cancellationToken: Ct)).Table!;
        var whole = TableCrossMatch.Match(a, b, 3.0, mode);

        var (match, failure) = StreamedTableMatch.Start(a, 3.0, mode);
        Assert.Null(failure);
        for (int from = 0; from < b.RowCount; from += batchRows)
        {
            match!.Add(Slice(b, from, Math.Min(b.RowCount, from + batchRows)));
        }
        var streamed = match!.Finish(Slice(b, 0, 0));

        Assert.True(whole.Pairs!.Count > 50);
        Assert.Equal(b.RowCount, match.RowsB);
        Assert.Equal(whole.Pairs.RowsA.ToArray(), streamed.Pairs!.RowsA.ToArray());
        Assert.Equal(whole.Pairs.RowsB.ToArray(), streamed.Pairs.RowsB.ToArray());
        AssertSameCells(whole.Joined!, streamed.Joined!);
    }

    [Fact]
    public async Task A_csv_read_in_batches_is_matched_as_it_is_read()
    {
        var a = (await CsvReader.ReadFileAsync(Fixture("a.csv"), cancellationToken: Ct)).Table!;
        var b = (await CsvReader.ReadFileAsync(Fixture("b.csv"), cancellationToken: Ct)).Table!;
        var whole = TableCrossMatch.Match(a, b, 3.0, CrossMatchMode.All);

        var (match, _) = StreamedTableMatch.Start(a, 3.0, CrossMatchMode.All);
        var read = await CsvReader.ReadFileAsync(Fixture("b.csv"), new CsvReaderOptions { RowBatches = new RowBatches(100, batch => match!.Add(batch.Rows)) }, Ct);
        var streamed = match!.Finish(read.Table!);

        Assert.Equal(0, read.Table!.RowCount);
        AssertSameCells(whole.Joined!, streamed.Joined!);
    }

    [Fact]
    public void B_without_positions_fails_with_the_reason_and_A_without_them_does_not_start()
    {
        var a = Positions([10.0], [20.0]);
        var noPositions = new Table([new ScalarColumn<double>(new Field { Name = "mag", DataType = VoDataType.Double })]);

        var (match, _) = StreamedTableMatch.Start(a, 1.0, CrossMatchMode.Best);
        match!.Add(noPositions);
        Assert.Contains("Table B has no position columns", match.Finish(noPositions).Failure, StringComparison.Ordinal);
        Assert.Contains("Table A has no position columns", StreamedTableMatch.Start(noPositions, 1.0, CrossMatchMode.Best).Failure, StringComparison.Ordinal);
        Assert.Contains("radius", StreamedTableMatch.Start(a, 0, CrossMatchMode.Best).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void No_batch_at_all_gives_an_empty_join_with_the_columns_of_B()
    {
        var a = Positions([10.0], [20.0]);
        var (match, _) = StreamedTableMatch.Start(a, 1.0, CrossMatchMode.All);
        var result = match!.Finish(Positions([], []));

        Assert.Equal(0, result.Joined!.RowCount);
        Assert.Equal(["ra_1", "dec_1", "ra_2", "dec_2", "separation"], result.Joined.Columns.Select(c => c.Name));
    }

    private static Table Slice(Table table, int from, int to)
    {
        var collector = new RowCollector();
        collector.Add(table, [.. Enumerable.Range(from, to - from)]);
        return collector.ToTable(table);
    }

    private static Table Positions(double[] ra, double[] dec)
    {
        var r = new ScalarColumn<double>(new Field { Name = "ra", DataType = VoDataType.Double });
        var d = new ScalarColumn<double>(new Field { Name = "dec", DataType = VoDataType.Double });
        r.AppendRange(ra);
        d.AppendRange(dec);
        return new Table([r, d]);
    }

    private static void AssertSameCells(Table expected, Table actual)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (int c = 0; c < expected.Columns.Count; c++)
        {
            for (int r = 0; r < expected.RowCount; r++)
            {
                Assert.Equal(Convert.ToString(expected.Columns[c].GetValue(r), CultureInfo.InvariantCulture),
                    Convert.ToString(actual.Columns[c].GetValue(r), CultureInfo.InvariantCulture));
            }
        }
    }
}
