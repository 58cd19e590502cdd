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

    [Fact]
    public async Task A_catalogue_file_larger_than_A_without_positions_is_one_sentence_on_stderr_and_exit_2()
    {
        // B is the larger file, so it is read in batches: the failure is found in its first batch.
        var b = Path.Combine(Path.GetTempPath(), $"das-xmatch-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(b, ["id,mag", .. Enumerable.Range(0, 5000).Select(i => $"{i},{i % 20}.5")], TestContext.Current.CancellationToken);
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("xmatch", Fixture("xmatch_a.csv"), b, "--radius", "1");

            Assert.Equal(2, code);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.Contains("Table B has no position columns", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(b);
        }
    }

    // make_epoch_truth.py (Das.Engine.Tests): 300 stars at J2016.0 (COOSYS epoch) and where astropy puts them at J2000.
    [Fact]
    public async Task Epoch_moves_the_stars_with_proper_motions_to_the_given_epoch_before_matching()
    {
        var (code, output, error) = await CliRunner.RunAsync("xmatch", Fixture("seen_j2000.csv"), Fixture("moving_j2016.vot"), "-r", "0.1", "--epoch", "J2000");
        var (plainCode, plain, _) = await CliRunner.RunAsync("xmatch", Fixture("seen_j2000.csv"), Fixture("moving_j2016.vot"), "-r", "0.1");

        Assert.True(code == 0, error);
        Assert.Contains("B: positions moved from J2016.0 to J2000.0 by pmra/pmdec", output, StringComparison.Ordinal);
        Assert.Contains("300 pairs within 0.1 arcsec", output, StringComparison.Ordinal);
        Assert.Equal(0, plainCode);
        Assert.DoesNotContain("300 pairs", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Epoch_auto_without_an_epoch_for_the_table_without_motions_is_one_sentence_and_exit_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("xmatch", Fixture("seen_j2000.csv"), Fixture("moving_j2016.vot"), "-r", "0.1", "--epoch", "auto");

        Assert.Equal(2, code);
        Assert.Contains("The epoch to move positions to is unknown", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_epoch_is_one_sentence_and_exit_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("xmatch", Fixture("seen_j2000.csv"), Fixture("moving_j2016.vot"), "-r", "0.1", "--epoch", "yesterday");

        Assert.Equal(2, code);
        Assert.Contains("--epoch 'yesterday' is not an epoch", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catalogue_that_is_neither_a_file_nor_a_source_is_one_sentence_and_exit_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("xmatch", Fixture("xmatch_a.csv"), "no-such-source", "--radius", "1");

        Assert.Equal(2, code);
        Assert.Contains("'no-such-source' is neither a file nor a source of the catalogue", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_file_catalogues_give_one_result_and_one_output_file_each()
    {
        var target = Path.Combine(Path.GetTempPath(), $"das-xmatch-{Guid.NewGuid():N}.csv");
        var dir = Path.GetDirectoryName(target)!;
        var stem = Path.GetFileNameWithoutExtension(target);
        try
        {
            // A against B, and A against itself (every row finds itself).
            var (code, output, error) = await CliRunner.RunAsync("xmatch", Fixture("xmatch_a.csv"), Fixture("xmatch_b.b2.vot"), Fixture("xmatch_a.csv"),
                "-r", "3", "--out", target);

            Assert.True(code == 0, error);
            int pairs = StiltsPairs("xmatch_stilts_best1.csv");
            var written = (await CsvReader.ReadFileAsync(Path.Combine(dir, $"{stem}.xmatch_b.b2.csv"), cancellationToken: TestContext.Current.CancellationToken)).Table!;
            Assert.Equal(pairs, written.RowCount);
            var itself = (await CsvReader.ReadFileAsync(Path.Combine(dir, $"{stem}.xmatch_a.csv"), cancellationToken: TestContext.Current.CancellationToken)).Table!;
            var a = (await CsvReader.ReadFileAsync(Fixture("xmatch_a.csv"), cancellationToken: TestContext.Current.CancellationToken)).Table!;
            Assert.Equal(a.RowCount, itself.RowCount);
            var result = DasResult().Match(output.TrimEnd().Split('\n')[^1]);
            Assert.Equal(pairs + a.RowCount, int.Parse(result.Groups["rows"].Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(Path.Combine(dir, $"{stem}.xmatch_b.b2.csv"));
            File.Delete(Path.Combine(dir, $"{stem}.xmatch_a.csv"));
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Sources_of_the_catalogue_are_matched_by_cone_or_TAP_upload_and_say_which_with_what_was_sent()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DAS_DACHS_URL")))
        {
            Assert.Skip("the DaCHS peer is not running (./test.sh starts it and sets DAS_DACHS_URL)");
        }
        var config = Path.Combine(AppContext.BaseDirectory, "Query", "Fixtures", "dachs-sources.json");

        var (code, output, error) = await CliRunner.RunAsync("xmatch", Fixture("frb_field.csv"), "dachs-scs", "--with", "dachs-tap-main",
            "--radius", "2", "--where", "remote", "--config", config);

        // --where remote: the TAP source matches the upload; the SCS source cannot, and says so.
        Assert.Equal(2, code);
        Assert.Contains("ok   dachs-tap-main: 2 pairs; 2 of 3 rows matched", output, StringComparison.Ordinal);
        Assert.Contains("FROM TAP_UPLOAD.das_upload AS u JOIN synthcat.main AS t", output, StringComparison.Ordinal);
        Assert.Contains("FAIL dachs-scs", output, StringComparison.Ordinal);
        Assert.Contains("cannot match an uploaded list on the archive's side", output, StringComparison.Ordinal);

        var (localCode, local, localError) = await CliRunner.RunAsync("xmatch", Fixture("frb_field.csv"), "dachs-scs", "--radius", "2", "--config", config);
        Assert.True(localCode == 0, localError);
        Assert.Contains("ok   dachs-scs: 2 pairs; 2 of 3 rows matched", local, StringComparison.Ordinal);
        Assert.Contains("(local)", local, StringComparison.Ordinal);
        Assert.Contains("sent: GET http://127.0.0.1:8089/synthcat/q/cone/scs.xml?RA=", local, StringComparison.Ordinal);
    }

    [GeneratedRegex("""^DAS_RESULT \{"rows": (?<rows>\d+), "match_s": (?<match>[0-9.]+), "load_s": (?<load>[0-9.]+)\}$""")]
    private static partial Regex DasResult();
}
