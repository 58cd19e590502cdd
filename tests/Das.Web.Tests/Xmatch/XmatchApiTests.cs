using System.Net;
using System.Text;
using System.Text.Json;
using Das.Tables.Csv;
using Das.Testing;

namespace Das.Web.Tests.Xmatch;

public sealed class XmatchApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Two positions on the fake archive's rows (334.02, -7.8988), one 1" away in Dec, one 36" away.
    private const string List = "ra,dec,name\n334.02,-7.8988,on\n334.02,-7.898522222,near\n334.03,-7.8988,far\n";

    private static List<JsonElement> Lines(string ndjson) =>
        [.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    private static MultipartFormDataContent Form(string? list, string radius, params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (list is not null)
        {
            form.Add(new StringContent(list, Encoding.UTF8, "text/csv"), "file", "list.csv");
        }
        form.Add(new StringContent(radius), "radius");
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }
        return form;
    }

    [Fact]
    public async Task Each_catalogue_streams_its_own_result_with_method_provenance_and_downloads()
    {
        await using var host = await DasWebHost.StartAsync(("fast", "/fast", "catalogue", 10, null), ("slow", "/slow", "catalogue", 10, null));
        host.Archive.Route("/fast", FakeResponse.VoTable(DasWebHost.Table(1)));
        host.Archive.Route("/slow", FakeResponse.VoTable(DasWebHost.Table(3)));

        var response = await host.Client.PostAsync("/api/xmatch", Form(List, "2", ("catalogues", "fast,slow"), ("find", "all")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = Lines(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("start", lines[0].GetProperty("type").GetString());
        Assert.Equal(3, lines[0].GetProperty("rows").GetInt32());
        var matches = lines.Where(l => l.GetProperty("type").GetString() == "match").OrderBy(m => m.GetProperty("catalogue").GetString(), StringComparer.Ordinal).ToList();
        Assert.Equal(["fast", "slow"], matches.Select(m => m.GetProperty("catalogue").GetString()));
        var fast = matches[0];
        Assert.Equal("Ok", fast.GetProperty("status").GetString());
        Assert.Equal("local", fast.GetProperty("method").GetString());
        Assert.Equal(2, fast.GetProperty("pairs").GetInt32()); // "on" and "near" both within 2"
        Assert.Equal(2, fast.GetProperty("matchedRows").GetInt32());
        Assert.StartsWith("GET http://127.0.0.1:", fast.GetProperty("provenance")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(2, fast.GetProperty("table").GetProperty("rowCount").GetInt32());
        Assert.Equal(6, matches[1].GetProperty("pairs").GetInt32()); // three identical rows: every pair kept with find=all
        Assert.Equal(8, lines[^1].GetProperty("pairs").GetInt32());

        var csv = await host.Client.GetAsync(fast.GetProperty("downloads").GetProperty("csv").GetString(), Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var table = (await CsvReader.ReadAsync(await csv.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct)).Table!;
        Assert.Equal(2, table.RowCount);
        Assert.NotNull(table.FindColumn("separation"));
    }

    [Fact]
    public async Task Pasted_positions_in_any_notation_are_the_list()
    {
        await using var host = await DasWebHost.StartAsync(("fast", "/fast", "catalogue", 10, null));
        host.Archive.Route("/fast", FakeResponse.VoTable(DasWebHost.Table(1)));

        var response = await host.Client.PostAsync("/api/xmatch",
            Form(null, "1", ("positions", "# my targets\n22:16:04.8 -07:53:55.68\n\n334.02, -7.8988\n"), ("catalogues", "fast")), Ct);

        var lines = Lines(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, lines[0].GetProperty("rows").GetInt32());
        var match = lines.Single(l => l.GetProperty("type").GetString() == "match");
        Assert.Equal(2, match.GetProperty("pairs").GetInt32());
        var columns = match.GetProperty("table").GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("input", columns);
        Assert.Contains("line", columns);
    }

    [Fact]
    public async Task An_uploaded_catalogue_is_matched_beside_the_sources()
    {
        await using var host = await DasWebHost.StartAsync(("fast", "/fast", "catalogue", 10, null));
        var form = Form(List, "2");
        form.Add(new StringContent("id,RAJ2000,DEJ2000\n7,334.02,-7.8988\n8,334.03,-7.8987\n", Encoding.UTF8, "text/csv"), "catalogueFile", "mine.csv");

        var lines = Lines(await (await host.Client.PostAsync("/api/xmatch", form, Ct)).Content.ReadAsStringAsync(Ct));

        var match = lines.Single(l => l.GetProperty("type").GetString() == "match");
        Assert.Equal("file:mine.csv", match.GetProperty("catalogue").GetString());
        Assert.Equal(3, match.GetProperty("pairs").GetInt32()); // "on" and "near" to id 7; "far" is 0.36" from id 8: within 2"
        Assert.Empty(host.Archive.RequestsTo("/fast"));
    }

    [Fact]
    public async Task Bad_input_answers_400_with_every_problem_under_its_parameter()
    {
        await using var host = await DasWebHost.StartAsync(("fast", "/fast", "catalogue", 10, null));

        var response = await host.Client.PostAsync("/api/xmatch",
            Form(null, "-3", ("positions", "334.02 -7.8988\n25h 00 -91\n"), ("catalogues", "fast,nosuch"), ("find", "closest"), ("epoch", "soon")), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("parameter").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Contains(errors, e => e.Item1 == "positions" && e.Item2!.StartsWith("line 2: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Item1 == "catalogues" && e.Item2!.Contains("'nosuch' is not a source", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Item1 == "radius");
        Assert.Contains(errors, e => e.Item1 == "find");
        Assert.Contains(errors, e => e.Item1 == "epoch");
        Assert.Empty(host.Archive.RequestsTo("/fast"));
    }

    [Fact]
    public async Task A_list_without_positions_answers_400_naming_the_file()
    {
        await using var host = await DasWebHost.StartAsync(("fast", "/fast", "catalogue", 10, null));

        var response = await host.Client.PostAsync("/api/xmatch", Form("x,y\n1,2\n", "1", ("catalogues", "fast")), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no position columns", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restricted_source_is_skipped_for_anonymous_callers_without_a_request()
    {
        await using var host = await DasWebHost.StartAsync(("team", "/team", "catalogue", 10, "frb-team"));
        host.Archive.Route("/team", FakeResponse.VoTable(DasWebHost.Table(1)));

        var lines = Lines(await (await host.Client.PostAsync("/api/xmatch", Form(List, "2", ("catalogues", "team")), Ct)).Content.ReadAsStringAsync(Ct));

        var match = lines.Single(l => l.GetProperty("type").GetString() == "match");
        Assert.Equal("Skipped", match.GetProperty("status").GetString());
        Assert.Contains("restricted to members of the group 'frb-team'", match.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(match.TryGetProperty("downloads", out _));
        Assert.Empty(host.Archive.RequestsTo("/team"));
    }

    [Fact]
    public async Task An_unknown_result_is_404()
    {
        await using var host = await DasWebHost.StartAsync(("fast", "/fast", "catalogue", 10, null));

        var response = await host.Client.GetAsync("/api/xmatch/0123456789abcdef0123456789abcdef/fast?format=csv", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
