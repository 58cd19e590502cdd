using System.Globalization;
using System.Text.RegularExpressions;
using Das.Tables.Csv;
using Das.Tables.VoTable;

namespace Das.Cli.Tests.Commands;

public sealed partial class XmatchCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Commands", "Fixtures", name);

    // STILTS's joined output for the same inputs: one line per pair after the header.
    private static int StiltsPairs(string name) => File.ReadLines(Fixture(name)).Count() - 1;

    [Theory]
    [InlineData("best", "xmatch_stilts_best1.csv")]
    [InlineData("all", "xmatch_stilts_all.csv")]
    public async Task Summary_first_rows_and_DAS_RESULT_count_the_pairs_STILTS_finds(string find, string truth)
    {
        var (code, output, error) = await CliRunner.RunAsync("xmatch", Fixture("xmatch_a.csv"), Fixture("xmatch_b.b2.vot"), "--radius", "3", "--find", find);

        Assert.Equal(0, code);
        Assert.Empty(error);
        int pairs = StiltsPairs(truth);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{pairs} pairs within 3 arcsec"), output, StringComparison.Ordinal);
        Assert.Contains("id_1", output, StringComparison.Ordinal);
        Assert.Contains("separation", output, StringComparison.Ordinal);
        var last = output.TrimEnd().Split('\n')[^1];
        var result = DasResult().Match(last);
        Assert.True(result.Success, last);
        Assert.Equal(pairs, int.Parse(result.Groups["rows"].Value, CultureInfo.InvariantCulture));
        Assert.True(double.Parse(result.Groups["match"].Value, CultureInfo.InvariantCulture) >= 0);
        Assert.True(double.Parse(result.Groups["load"].Value, CultureInfo.InvariantCulture) >= 0);
    }

    [Fact]
    public async Task Out_csv_writes_the_joined_table_with_STILTS_column_names()
    {
        var target = Path.Combine(Path.GetTempPath(), $"das-xmatch-{Guid.NewGuid():N}.csv");
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("xmatch", Fixture("xmatch_a.csv"), Fixture("xmatch_b.b2.vot"), "-r", "3", "--out", target);

            Assert.Equal(0, code);
            Assert.Empty(error);
            var written = (await CsvReader.ReadFileAsync(target, cancellationToken: TestContext.Current.CancellationToken)).Table!;
            var stilts = (await CsvReader.ReadFileAsync(Fixture("xmatch_stilts_best1.csv"), cancellationToken: TestContext.Current.CancellationToken)).Table!;
            Assert.Equal(stilts.RowCount, written.RowCount);
            Assert.Equal(stilts.Columns.Select(c => c.Name.ToLowerInvariant()), written.Columns.Select(c => c.Name.ToLowerInvariant()));
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Fact]
    public async Task Out_votable_keeps_the_separation_unit_and_UCD()
    {
        var target = Path.Combine(Path.GetTempPath(), $"das-xmatch-{Guid.NewGuid():N}.vot");
        try
        {
            var (code, _, _) = await CliRunner.RunAsync("xmatch", Fixture("xmatch_a.csv"), Fixture("xmatch_b.b2.vot"), "-r", "3", "--find", "best-symmetric", "--out", target);

            Assert.Equal(0, code);
            var read = await VoTableReader.ReadFileAsync(target, VoTableReaderOptions.Default, TestContext.Current.CancellationToken);
            var table = read.Document!.AllTables().Single();
            var separation = table.FindColumn("separation")!;
            Assert.Equal(("arcsec", "pos.angDistance"), (separation.Field.Unit, separation.Field.Ucd));
            Assert.InRange(table.RowCount, 1, StiltsPairs("xmatch_stilts_best1.csv"));
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    public async Task A_radius_that_is_not_positive_is_one_sentence_on_stderr_and_exit_2(string radius)
    {
        var (code, output, error) = await CliRunner.RunAsync("xmatch", Fixture("xmatch_a.csv"), Fixture("xmatch_b.b2.vot"), "--radius", radius);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--radius", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_one_sentence_on_stderr_and_exit_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("xmatch", Fixture("xmatch_a.csv"), Fixture("no_such_file.vot"), "--radius", "1");

        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_without_positions_is_one_sentence_on_stderr_and_exit_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("xmatch", Fixture("xmatch_no_positions.csv"), Fixture("xmatch_b.b2.vot"), "--radius", "1");

        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("no position columns", error, StringComparison.Ordinal);
    }

    [GeneratedRegex("""^DAS_RESULT \{"rows": (?<rows>\d+), "match_s": (?<match>[0-9.]+), "load_s": (?<load>[0-9.]+)\}$""")]
    private static partial Regex DasResult();
}
