using System.Text.Json;
using Das.Sources.Catalog;
using Das.Tables.VoTable;
using Das.Testing;

namespace Das.Cli.Tests.Commands;

/// <summary><c>das redshift</c> in process, against fake SIMBAD and VizieR on loopback (and a NED that fails), and against DaCHS.</summary>
public sealed class RedshiftCommandTests : IAsyncLifetime
{
    private FakeVoServer _archive = null!;
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("das-redshift-tests-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _archive = await FakeVoServer.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _archive.DisposeAsync();
        _temp.Delete(recursive: true);
    }

    private string Config()
    {
        var defaults = SourceCatalogLoader.ReadDefaultFile().Sources.ToDictionary(s => s.Id!);
        SourceDefinition At(string id, string path) => defaults[id] with { Endpoint = _archive.Url(path).AbsoluteUri, Mirrors = [] };
        var file = Path.Combine(_temp.FullName, "sources.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new SourceCatalogFile
        {
            Mode = "replace",
            Sources = [At("simbad-redshifts", "simbad"), At("ned-redshifts", "ned") with { BudgetSeconds = 5 }, At("vizier-redshifts", "vizier")],
        }, SourceCatalogLoader.Json));
        _archive.Route("simbad/sync", FakeResponse.VoTable(
            "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>" +
            "<FIELD name=\"main_id\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.id;meta.main\"/><FIELD name=\"ra\" datatype=\"double\" ucd=\"pos.eq.ra;meta.main\"/>" +
            "<FIELD name=\"dec\" datatype=\"double\" ucd=\"pos.eq.dec;meta.main\"/><FIELD name=\"rvz_redshift\" datatype=\"double\" ucd=\"src.redshift\"/>" +
            "<FIELD name=\"rvz_nature\" datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA>" +
            "<TR><TD>SYN host</TD><TD>334.02</TD><TD>-7.8988</TD><TD>0.234</TD><TD>s</TD></TR>" +
            "<TR><TD>SYN QSO</TD><TD>334.02167</TD><TD>-7.9</TD><TD>1.2</TD><TD>p</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"));
        _archive.Route("ned/sync", FakeResponse.Html("NED Maintenance", 503));
        _archive.Route("vizier", FakeResponse.VoTable("<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/></VOTABLE>"));
        return file;
    }

    [Fact]
    public async Task Status_lines_come_first_then_the_redshifts_nearest_first()
    {
        var (code, output, error) = await CliRunner.RunAsync("redshift", "--ra", "22:16:04.8", "--dec", "-07:53:55.7", "--radius", "15", "--config", Config());

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Redshifts within 15 arcsec of RA 334.02, Dec -7.898806 — asking 3 sources", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("ok    SIMBAD redshifts: 2 rows in", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("none  VizieR redshift catalogues: 0 rows in", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FAIL  NED redshifts: the service answered HTTP 503", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sent: POST ", StringComparison.Ordinal) && l.Contains("/ned/sync", StringComparison.Ordinal));
        int header = Array.FindIndex(lines, l => l.StartsWith("separation", StringComparison.Ordinal));
        Assert.True(header > 0, output);
        Assert.Matches(@"^separation\s+z\s+z_err\s+z_kind\s+object\s+catalogue\s+source$", lines[header]);
        Assert.Contains("SYN host", lines[header + 2], StringComparison.Ordinal);
        Assert.Contains("spec", lines[header + 2], StringComparison.Ordinal);
        Assert.Contains("SYN QSO", lines[header + 3], StringComparison.Ordinal);
        Assert.Contains("phot", lines[header + 3], StringComparison.Ordinal);
        Assert.Equal("2 rows", lines[header + 4]);
    }

    [Fact]
    public async Task Out_writes_the_whole_table_as_a_votable_with_the_contributors()
    {
        var file = Path.Combine(_temp.FullName, "z.vot");

        var (code, output, error) = await CliRunner.RunAsync("redshift", "--ra", "334.02", "--dec", "-7.8988", "--config", Config(), "--out", file);

        Assert.True(code == 0, error);
        Assert.Contains($"2 redshifts written to {file} (votable)", output, StringComparison.Ordinal);
        var read = await VoTableReader.ReadFileAsync(file, null, Ct);
        Assert.True(read.Succeeded, read.Failure?.Message);
        var resource = Assert.Single(read.Document!.Resources);
        Assert.Equal(14, Assert.Single(resource.Tables).Columns.Count);
        Assert.Equal(3, resource.Infos.Count(i => i.Name == "contributor"));
    }

    [Fact]
    public async Task Json_prints_the_search_the_contributors_and_the_table()
    {
        var (code, output, error) = await CliRunner.RunAsync("redshift", "--ra", "334.02", "--dec", "-7.8988", "--config", Config(), "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(30, json.GetProperty("search").GetProperty("radiusArcsec").GetDouble());
        Assert.Equal(3, json.GetProperty("contributors").GetArrayLength());
        Assert.Equal(2, json.GetProperty("table").GetProperty("rowCount").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "--ra", "334.02", "--dec", "-7.8988", "--radius", "2000" }, "das redshift: --radius: RADIUS 2000 arcsec is out of range")]
    [InlineData(new[] { "--ra", "25h", "--dec", "-7.8988" }, "das redshift: --ra: RA at character")]
    [InlineData(new[] { "--radius", "10" }, "das redshift: --ra: give RA and DEC, or NAME")]
    public async Task Bad_input_is_refused_with_exit_code_2_and_the_reason(string[] args, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync(["redshift", .. args]);

        Assert.Equal(2, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Empty(_archive.Requests);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task On_the_dachs_catalogue_the_spectroscopic_redshift_of_the_frb_host_is_found()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DAS_DACHS_URL")))
        {
            Assert.Skip("the DaCHS peer is not running (./test.sh starts it and sets DAS_DACHS_URL)");
        }
        var catalogue = Path.Combine(AppContext.BaseDirectory, "Query", "Fixtures", "dachs-sources.json");

        var (code, output, error) = await CliRunner.RunAsync("redshift", "--ra", "334.02", "--dec", "-7.8988", "--radius", "2", "--config", catalogue, "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        var contributor = Assert.Single(json.GetProperty("contributors").EnumerateArray());
        Assert.Equal("dachs-specz-async", contributor.GetProperty("source").GetString());
        var row = Assert.Single(json.GetProperty("table").GetProperty("rows").EnumerateArray());
        Assert.Equal(0.23405, row[1].GetDouble(), 6);
        Assert.Equal(4e-05, row[2].GetDouble(), 8);
        Assert.Equal("spec", row[3].GetString()); // DaCHS describes the column as "Spectroscopic redshift."
    }
}
