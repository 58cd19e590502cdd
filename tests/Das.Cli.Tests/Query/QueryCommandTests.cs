using System.Text.Json;
using Das.Testing;

namespace Das.Cli.Tests.Query;

/// <summary><c>das query</c> and <c>das sources</c> in process, against fake archives on loopback.</summary>
public sealed class QueryCommandTests : IAsyncLifetime
{
    private const string Row = "<TR><TD>1</TD><TD>334.02</TD><TD>-7.8988</TD></TR>";
    private FakeVoServer _server = null!;
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("das-query-tests-");

    public async ValueTask InitializeAsync() => _server = await FakeVoServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Delete(recursive: true);
    }

    private static string Table(int rows) =>
        "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>" +
        "<FIELD name=\"id\" datatype=\"long\"/><FIELD name=\"ra\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.ra;meta.main\"/>" +
        "<FIELD name=\"dec\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.dec;meta.main\"/><DATA><TABLEDATA>" +
        string.Concat(Enumerable.Repeat(Row, rows)) + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    private string Config(params (string Id, string Path, double Budget)[] sources)
    {
        var file = Path.Combine(_temp.FullName, "sources.json");
        var entries = sources.Select(s => new Dictionary<string, object>
        {
            ["id"] = s.Id,
            ["title"] = "Archive " + s.Id,
            ["kind"] = "catalogue",
            ["protocol"] = "scs",
            ["endpoint"] = s.Path.StartsWith("http", StringComparison.Ordinal) ? s.Path : _server.Url(s.Path.TrimStart('/')).AbsoluteUri,
            ["budgetSeconds"] = s.Budget,
        });
        File.WriteAllText(file, JsonSerializer.Serialize(new { mode = "replace", sources = entries }));
        return file;
    }

    [Fact]
    public async Task Every_source_gets_one_status_line_and_failures_name_their_cause()
    {
        _server.Route("/good", FakeResponse.VoTable(Table(3)));
        _server.Route("/empty", FakeResponse.VoTable(Table(0)));
        _server.Route("/down", FakeResponse.Html("Service Unavailable", 503));
        _server.Route("/html", FakeResponse.Html("Welcome to the archive portal"));
        _server.Route("/hangs", FakeResponse.Hanging());
        var config = Config(("good", "/good", 10), ("empty", "/empty", 10), ("down", "/down", 10), ("html", "/html", 10),
            ("hangs", "/hangs", 1), ("closed", "http://127.0.0.1:9/scs", 10));
        var (code, output, error) = await CliRunner.RunAsync("query", "--ra", "334.02", "--dec", "-7.8988", "--config", config, "--img", "0");
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("ok    Archive good: 3 rows in", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("none  Archive empty: 0 rows in", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FAIL  Archive down: the service answered HTTP 503", StringComparison.Ordinal) && l.Contains("Service Unavailable", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FAIL  Archive html:", StringComparison.Ordinal) && l.Contains("Welcome to the archive portal", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("time  Archive hangs:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FAIL  Archive closed:", StringComparison.Ordinal) && l.Contains("127.0.0.1:9", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("6 sources in ", StringComparison.Ordinal) && l.Contains("1 ok, 1 empty, 3 failed, 1 timedout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_mode_prints_one_outcome_per_line_with_its_table()
    {
        _server.Route("/a", FakeResponse.VoTable(Table(2)));
        _server.Route("/b", FakeResponse.WithStatus(500, "database down"));
        var (code, output, error) = await CliRunner.RunAsync("query", "--ra", "334.02", "--dec", "-7.8988", "--config", Config(("a", "/a", 10), ("b", "/b", 10)), "--json", "--img", "0");
        Assert.True(code == 0, error);
        var outcomes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, outcomes.Count);
        var a = outcomes.Single(o => o.GetProperty("source").GetString() == "a");
        Assert.Equal("Ok", a.GetProperty("status").GetString());
        Assert.Equal(2, a.GetProperty("table").GetProperty("rowCount").GetInt32());
        Assert.StartsWith("GET " + _server.Url("a").AbsoluteUri + "?RA=334.02&DEC=-7.8988&SR=0.0166666", a.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        var b = outcomes.Single(o => o.GetProperty("source").GetString() == "b");
        Assert.Equal("Http", b.GetProperty("failure").GetString());
        Assert.Contains("database down", b.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_directory_gets_each_table_and_the_outcomes()
    {
        _server.Route("/a", FakeResponse.VoTable(Table(4)));
        _server.Route("/b", FakeResponse.Reset());
        var dir = Path.Combine(_temp.FullName, "out");
        var (code, _, error) = await CliRunner.RunAsync("query", "--ra", "334.02", "--dec", "-7.8988", "--config", Config(("a", "/a", 10), ("b", "/b", 10)),
            "--out", dir, "--format", "csv", "--img", "0");
        Assert.True(code == 0, error);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(dir, "a.csv")).Length); // header + 4 rows
        Assert.False(File.Exists(Path.Combine(dir, "b.csv")));
        var outcomes = File.ReadAllLines(Path.Combine(dir, "outcomes.ndjson")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["Failed", "Ok"], outcomes.Select(o => o.GetProperty("status").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(Path.Combine(dir, "a.csv"), outcomes.Single(o => o.GetProperty("source").GetString() == "a").GetProperty("file").GetString());
    }

    [Theory]
    [InlineData("--ra", "25h00m", "--dec", "10", "--ra: RA")]
    [InlineData("--ra", "10", "--dec", "-91", "--dec: Dec")]
    [InlineData("--ra", "10", "--dec", "10", "--fov", "0", "--fov: FOV 0 arcmin is out of range")]
    [InlineData("--ra", "10", "--dec", "10", "--cat", "x' OR 1=1", "--cat: CAT 'x' OR 1=1' is not a source name")]
    public async Task Bad_input_exits_2_with_the_parameter_and_the_reason_and_asks_nothing(params string[] args)
    {
        var expected = args[^1];
        var (code, _, error) = await CliRunner.RunAsync(["query", .. args[..^1], "--config", Config(("a", "/a", 10))]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(_server.RequestsTo("/a"));
    }

    [Fact]
    public async Task Unknown_source_name_is_reported_and_the_others_still_run()
    {
        _server.Route("/a", FakeResponse.VoTable(Table(1)));
        var (code, output, error) = await CliRunner.RunAsync("query", "--ra", "10", "--dec", "10", "--config", Config(("a", "/a", 10)), "--cat", "a", "--cat", "NOSUCH");
        Assert.Equal(2, code);
        Assert.Contains("CAT=NOSUCH: no such source", error, StringComparison.Ordinal);
        Assert.Contains("ok    Archive a: 1 row in", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_catalogue_file_lists_every_problem_at_once()
    {
        var file = Path.Combine(_temp.FullName, "bad.json");
        File.WriteAllText(file, """
            { "sources": [
              { "id": "one", "title": "One", "kind": "catalogue", "protocol": "warp", "endpoint": "http://127.0.0.1/x" },
              { "id": "two", "title": "Two", "kind": "planets", "protocol": "scs", "endpoint": "ftp://example/x", "budgetSecs": 3 }
            ] }
            """);
        var (code, _, error) = await CliRunner.RunAsync("sources", "--config", file);
        Assert.Equal(2, code);
        Assert.Contains("one: protocol 'warp' is not known", error, StringComparison.Ordinal);
        Assert.Contains("two: kind 'planets' must be one of", error, StringComparison.Ordinal);
        Assert.Contains("two: endpoint 'ftp://example/x' is not an http(s) URL", error, StringComparison.Ordinal);
        Assert.Contains("two: unknown setting 'budgetSecs'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_lists_the_default_catalogue_and_its_json_reads_back()
    {
        var (code, output, error) = await CliRunner.RunAsync("sources");
        Assert.True(code == 0, error);
        Assert.Contains("gaia-dr3", output, StringComparison.Ordinal);
        Assert.Matches(@"\d+ sources \(\d+ asked by default\)", output);
        var (jsonCode, json, _) = await CliRunner.RunAsync("sources", "--format", "json");
        Assert.Equal(0, jsonCode);
        var file = Path.Combine(_temp.FullName, "listed.json");
        File.WriteAllText(file, json);
        var (again, relisted, againError) = await CliRunner.RunAsync("sources", "--config", file);
        Assert.True(again == 0, againError);
        Assert.Equal(output, relisted);
    }
}
