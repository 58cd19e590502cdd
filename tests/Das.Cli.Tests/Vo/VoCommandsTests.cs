using Das.Testing;

namespace Das.Cli.Tests.Vo;

public sealed class VoCommandsTests : IAsyncLifetime
{
    private FakeVoServer _server = null!;

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vo", "Fixtures", name));

    public async ValueTask InitializeAsync() => _server = await FakeVoServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Cone_prints_the_rows_and_the_request_it_sent()
    {
        _server.Route("/scs.xml", FakeResponse.VoTable(Fixture("dachs-scs-26-rows.xml")));
        var (code, output, error) = await CliRunner.RunAsync("cone", _server.Url("scs.xml?").AbsoluteUri, "334.02", "-7.8988", "0.01", "--max-rows", "3");
        Assert.True(code == 0, error);
        Assert.Contains("26 rows (showing 3;", output, StringComparison.Ordinal);
        Assert.Contains("GALAXY", output, StringComparison.Ordinal);
        Assert.Contains($"sent: GET {_server.Url("scs.xml")}?RA=334.02&DEC=-7.8988&SR=0.01", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cone_accepts_sexagesimal_positions()
    {
        _server.Route("/scs.xml", FakeResponse.VoTable(Fixture("dachs-scs-26-rows.xml")));
        var (code, _, error) = await CliRunner.RunAsync("cone", _server.Url("scs.xml").AbsoluteUri, "22:16:04.8", "-07:53:55.7", "0.01");
        Assert.True(code == 0, error);
        Assert.Equal("?RA=334.02&DEC=-7.898805555555555&SR=0.01", Assert.Single(_server.RequestsTo("/scs.xml")).QueryString);
    }

    [Fact]
    public async Task Cone_with_a_bad_declination_exits_2_naming_the_field_and_sends_nothing()
    {
        var (code, _, error) = await CliRunner.RunAsync("cone", _server.Url("scs.xml").AbsoluteUri, "334.02", "-91", "0.01");
        Assert.Equal(2, code);
        Assert.Contains("Dec -91 exceeds ±90°", error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Service_failure_exits_2_with_the_service_words_and_what_was_sent()
    {
        _server.Route("/scs.xml", FakeResponse.Html("Archive under maintenance", 503));
        var (code, _, error) = await CliRunner.RunAsync("cone", _server.Url("scs.xml").AbsoluteUri, "334.02", "-7.8988", "0.01", "--timeout", "20");
        Assert.Equal(2, code);
        Assert.Contains("das cone: the service answered HTTP 503: Archive under maintenance", error, StringComparison.Ordinal);
        Assert.Contains("sent: GET ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cone_writes_the_table_to_a_file_when_asked()
    {
        _server.Route("/scs.xml", FakeResponse.VoTable(Fixture("dachs-scs-26-rows.xml")));
        var path = Path.Combine(Path.GetTempPath(), $"das-cone-{Guid.NewGuid():N}.csv");
        try
        {
            var (code, output, error) = await CliRunner.RunAsync("cone", _server.Url("scs.xml").AbsoluteUri, "334.02", "-7.8988", "0.01", "--out", path);
            Assert.True(code == 0, error);
            Assert.Contains("wrote 26 rows", output, StringComparison.Ordinal);
            Assert.Equal(27, File.ReadAllLines(path).Length); // header + 26 rows
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Resolve_prints_the_position_and_which_database_answered()
    {
        _server.Route("/nph-sesame/-oxpI/SNV", FakeResponse.Text(Fixture("m31-simbad-ned-vizier.xml"), "text/plain"));
        var (code, output, error) = await CliRunner.RunAsync("resolve", "M 31", "--sesame", _server.Url("nph-sesame/").AbsoluteUri, "--simbad-tap", _server.Url("sim-tap").AbsoluteUri);
        Assert.True(code == 0, error);
        Assert.StartsWith("10.684708 +41.268750", output, StringComparison.Ordinal);
        Assert.Contains("M 31 (AGN), resolved by SIMBAD via Sesame", output, StringComparison.Ordinal);
        Assert.Equal("?M%2031", Assert.Single(_server.Requests).QueryString);
    }

    [Fact]
    public async Task Resolve_unknown_name_exits_2_with_each_database_answer()
    {
        _server.Route("/nph-sesame/-oxpI/SNV", FakeResponse.Text(Fixture("unknown-name.xml"), "text/plain"));
        var (code, _, error) = await CliRunner.RunAsync("resolve", "Bogus Name Xyz", "--sesame", _server.Url("nph-sesame/").AbsoluteUri, "--simbad-tap", _server.Url("sim-tap").AbsoluteUri);
        Assert.Equal(2, code);
        Assert.Contains("'Bogus Name Xyz' is unknown (", error, StringComparison.Ordinal);
        Assert.Contains("NED: *** Not recognized by NED", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tap_query_with_a_placeholder_is_refused_before_sending()
    {
        var (code, _, error) = await CliRunner.RunAsync("tap", _server.Url("tap").AbsoluteUri, "SELECT * FROM t WHERE x = {x}");
        Assert.Equal(2, code);
        Assert.Contains("das tap:", error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Cone_against_the_dachs_peer_prints_26_rows()
    {
        var dachs = Environment.GetEnvironmentVariable("DAS_DACHS_URL");
        if (string.IsNullOrWhiteSpace(dachs))
        {
            Assert.Skip("the DaCHS peer is not running (./test.sh starts it and sets DAS_DACHS_URL)");
        }
        var (code, output, error) = await CliRunner.RunAsync("cone", dachs.TrimEnd('/') + "/synthcat/q/cone/scs.xml", "334.02", "-7.8988", "0.01");
        Assert.True(code == 0, error);
        Assert.Contains("26 rows", output, StringComparison.Ordinal);
    }
}
