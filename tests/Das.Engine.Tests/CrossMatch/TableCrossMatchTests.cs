using System.Globalization;
using Das.Engine.CrossMatch;
using Das.Sky.CrossMatch;
using Das.Tables.Columns;
using Das.Tables.Csv;
using Das.Tables.Model;

namespace Das.Engine.Tests.CrossMatch;

public sealed class TableCrossMatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(CrossMatchMode.Best, "stilts_join_best1.csv")]
    [InlineData(CrossMatchMode.All, "stilts_join_all.csv")]
    public async Task Joined_table_has_the_columns_names_and_cells_of_STILTS_tmatch2(CrossMatchMode mode, string truthFile)
    {
        var a = await ReadAsync("a.csv");
        var b = await ReadAsync("b.csv");
        var truth = await ReadAsync(truthFile);

        var result = TableCrossMatch.Match(a, b, 3.0, mode);

        Assert.True(result.Succeeded, result.Failure);
        var joined = result.Joined!;
        // STILTS names the distance "Separation"; ours is "separation" (both arcsec).
        Assert.Equal(truth.Columns.Select(c => c.Name.Replace("Separation", "separation", StringComparison.Ordinal)), joined.Columns.Select(c => c.Name));
        Assert.Equal(truth.RowCount, joined.RowCount);
        var expected = RowsByKey(truth);
        var actual = RowsByKey(joined);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, cells) in expected)
        {
            for (int c = 0; c < cells.Length; c++)
            {
                AssertCell(cells[c], actual[key][c], tolerance: c == cells.Length - 1 ? 1e-6 : 1e-12);
            }
        }
    }

    [Fact]
    public void Separation_column_is_a_double_in_arcsec_with_UCD_pos_angDistance()
    {
        var a = Positions("ra", "dec", null, [10.0], [20.0]);
        var b = Positions("ra", "dec", null, [10.0 + (0.5 / 3600.0)], [20.0]);

        var joined = TableCrossMatch.Match(a, b, 1.0, CrossMatchMode.Best).Joined!;

        var separation = Assert.IsType<ScalarColumn<double>>(joined.FindColumn("separation"));
        Assert.Equal("arcsec", separation.Field.Unit);
        Assert.Equal("pos.angDistance", separation.Field.Ucd);
        Assert.Equal(0.5 * Math.Cos(20.0 * Math.PI / 180.0), separation[0], 6);
        Assert.Equal(["ra_1", "dec_1", "ra_2", "dec_2", "separation"], joined.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Position_columns_by_UCD_prefer_meta_main_over_other_positions_and_names()
    {
        var table = new Table([
            Column("ra", null, 1.0), Column("dec", null, 2.0),
            Column("ra_other", "pos.eq.ra", 3.0), Column("dec_other", "pos.eq.dec", 4.0),
            Column("ra_main", "pos.eq.ra;meta.main", 5.0), Column("dec_main", "pos.eq.dec;meta.main", 6.0),
        ]);

        var found = PositionColumns.Find(table)!;

        Assert.Equal(("ra_main", "dec_main"), (found.Ra.Name, found.Dec.Name));
    }

    [Fact]
    public void A_table_without_position_columns_fails_with_a_reason_and_without_an_exception()
    {
        var a = new Table([Column("x", null, 1.0), Column("y", null, 2.0)]);
        var b = Positions("ra", "dec", null, [1.0], [2.0]);

        var result = TableCrossMatch.Match(a, b, 1.0, CrossMatchMode.Best);

        Assert.False(result.Succeeded);
        Assert.Contains("no position columns", result.Failure, StringComparison.Ordinal);
        Assert.Null(result.Joined);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    public void A_radius_that_is_not_positive_fails_with_a_reason(double radius)
    {
        var a = Positions("ra", "dec", null, [1.0], [2.0]);

        var result = TableCrossMatch.Match(a, a, radius, CrossMatchMode.Best);

        Assert.False(result.Succeeded);
        Assert.Contains("radius", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_catalogues_give_one_result_each_and_one_without_positions_fails_alone()
    {
        var a = Positions("RAJ2000", "DEJ2000", null, [10.0, 11.0], [20.0, 21.0]);
        var b1 = Positions("ra", "dec", null, [10.0, 11.0, 11.0], [20.0, 21.0, 21.0 + (0.2 / 3600.0)]);
        var b2 = new Table([Column("x", null, 1.0)]);
        var b3 = Positions("ra_icrs", "de_icrs", null, [11.0], [21.0]);

        var results = TableCrossMatch.MatchEach(a, [b1, b2, b3], 1.0, CrossMatchMode.All);

        Assert.Equal(3, results.Count);
        Assert.Equal(3, results[0].Pairs!.Count);
        Assert.False(results[1].Succeeded);
        Assert.Equal([1], results[2].Pairs!.RowsA.ToArray());
    }

    [Fact]
    public void Null_positions_match_nothing()
    {
        var ra = new ScalarColumn<double>(new Field { Name = "ra", DataType = VoDataType.Double });
        ra.Append(10.0);
        ra.AppendNull();
        var dec = new ScalarColumn<double>(new Field { Name = "dec", DataType = VoDataType.Double });
        dec.Append(20.0);
        dec.Append(20.0);
        var a = new Table([ra, dec]);

        var result = TableCrossMatch.Match(a, a, 1.0, CrossMatchMode.All);

        Assert.Equal([0], result.Pairs!.RowsA.ToArray());
        Assert.Equal(1, result.Joined!.RowCount);
    }

    private static async Task<Table> ReadAsync(string name)
    {
        var read = await CsvReader.ReadFileAsync(Path.Combine(AppContext.BaseDirectory, "CrossMatch", "Fixtures", name), cancellationToken: Ct);
        return read.Table ?? throw new InvalidDataException(name);
    }

    private static Dictionary<(string, string), object?[]> RowsByKey(Table table)
    {
        var rows = new Dictionary<(string, string), object?[]>();
        var idA = table.FindColumn("id_1")!;
        var idB = table.FindColumn("id_2")!;
        for (int r = 0; r < table.RowCount; r++)
        {
            rows.Add((Text(idA.GetValue(r)), Text(idB.GetValue(r))), [.. table.Columns.Select(c => c.GetValue(r))]);
        }
        return rows;
    }

    private static void AssertCell(object? expected, object? actual, double tolerance)
    {
        if (expected is string || actual is string)
        {
            Assert.Equal(Text(expected), Text(actual));
            return;
        }
        double e = Convert.ToDouble(expected, CultureInfo.InvariantCulture), a = Convert.ToDouble(actual, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(e - a) <= tolerance * Math.Max(1.0, Math.Abs(e)), $"{e} vs {a}");
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static ScalarColumn<double> Column(string name, string? ucd, params double[] values)
    {
        var column = new ScalarColumn<double>(new Field { Name = name, DataType = VoDataType.Double, Ucd = ucd });
        column.AppendRange(values);
        return column;
    }

    private static Table Positions(string raName, string decName, string? ucd, double[] ra, double[] dec) =>
        new([Column(raName, ucd, ra), Column(decName, ucd, dec)]);
}
