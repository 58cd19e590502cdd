using System.Net;
using System.Text.Json;
using Das.Tables.VoTable;
using Das.Testing;

namespace Das.Web.Tests.Api;

public sealed class QueryApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Here = "RA=334.02&DEC=-7.8988";

    private static List<JsonElement> Lines(string ndjson) =>
        [.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Stream_sends_the_start_line_then_each_outcome_as_its_source_completes()
    {
        await using var host = await DasWebHost.StartAsync(("fast", "/fast", "catalogue", 10, null), ("slow", "/slow", "catalogue", 10, null), ("broken", "/broken", "catalogue", 10, null));
        host.Archive.Route("/fast", FakeResponse.VoTable(DasWebHost.Table(3)));
        host.Archive.Route("/slow", FakeResponse.VoTable(DasWebHost.Table(5)) with { Delay = TimeSpan.FromMilliseconds(600) });
        host.Archive.Route("/broken", FakeResponse.Html("<script>alert(1)</script> Internal error", 500));
        var response = await host.Client.GetAsync($"/api/query/stream?{Here}&IMG=0", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = Lines(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("start", lines[0].GetProperty("type").GetString());
        Assert.Equal(["broken", "fast", "slow"], lines[0].GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var outcomes = lines.Skip(1).ToList();
        Assert.Equal(3, outcomes.Count);
        var order = outcomes.Select(o => o.GetProperty("source").GetString()).ToList();
        Assert.True(order.IndexOf("fast") < order.IndexOf("slow"), string.Join(", ", order)); // the 600 ms source comes after the fast one
        Assert.Equal(5, outcomes.Single(o => o.GetProperty("source").GetString() == "slow").GetProperty("table").GetProperty("rowCount").GetInt32());
        var broken = outcomes.Single(o => o.GetProperty("source").GetString() == "broken");
        Assert.Equal("Failed", broken.GetProperty("status").GetString());
        Assert.Contains("HTTP 500", broken.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_parameters_answer_400_with_every_problem_under_its_parameter()
    {
        await using var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null));
        var response = await host.Client.GetAsync("/api/query/stream?RA=25h&DEC=-91&FOV=abc&CAT=x'%20OR%201=1", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("parameter").GetString()).ToList();
        Assert.Equal(["CAT", "DEC", "FOV", "RA"], errors.Order(StringComparer.Ordinal));
        Assert.Empty(host.Archive.RequestsTo("/a"));
    }

    [Fact]
    public async Task Whole_query_as_votable_has_one_resource_per_source_that_our_reader_reads_back()
    {
        await using var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null), ("b", "/b", "catalogue", 10, null));
        host.Archive.Route("/a", FakeResponse.VoTable(DasWebHost.Table(2)));
        host.Archive.Route("/b", FakeResponse.WithStatus(500, "database down"));
        var response = await host.Client.GetAsync($"/api/query?{Here}&IMG=0&format=votable", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await VoTableReader.ReadAsync(await response.Content.ReadAsStreamAsync(Ct), null, Ct);
        Assert.NotNull(read.Document);
        Assert.Equal(2, read.Document.Resources.Count);
        Assert.Equal(2, read.Document.AllTables().Sum(t => t.RowCount));
    }

    [Fact]
    public async Task Whole_query_as_json_lists_every_outcome()
    {
        await using var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null), ("b", "/b", "catalogue", 10, null));
        host.Archive.Route("/a", FakeResponse.VoTable(DasWebHost.Table(2)));
        host.Archive.Route("/b", FakeResponse.VoTable(DasWebHost.Table(0)));
        var json = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/query?{Here}&IMG=0", Ct)).RootElement;
        Assert.Equal(334.02, json.GetProperty("query").GetProperty("ra").GetDouble());
        Assert.Equal(["Empty", "Ok"], json.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("status").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task One_source_table_downloads_as_csv_and_comes_from_the_cache_the_second_time()
    {
        await using var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null), ("b", "/b", "catalogue", 10, null));
        host.Archive.Route("/a", FakeResponse.VoTable(DasWebHost.Table(4)));
        var first = await host.Client.GetAsync($"/api/query/table?{Here}&source=a&format=csv", Ct);
        Assert.Equal("text/csv", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"a.csv\"", first.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(5, (await first.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var second = await host.Client.GetAsync($"/api/query/table?{Here}&source=a&format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(host.Archive.RequestsTo("/a"));
        Assert.Empty(host.Archive.RequestsTo("/b"));
    }

    [Fact]
    public async Task Restricted_source_is_not_offered_to_anonymous_callers_nor_run_for_them()
    {
        await using var host = await DasWebHost.StartAsync(("open", "/open", "catalogue", 10, null), ("private", "/private", "catalogue", 10, "frb-team"));
        host.Archive.Route("/open", FakeResponse.VoTable(DasWebHost.Table(1)));
        host.Archive.Route("/private", FakeResponse.VoTable(DasWebHost.Table(9)));
        var lines = Lines(await host.Client.GetStringAsync($"/api/query/stream?{Here}&IMG=0", Ct));
        Assert.Equal(["open"], lines.Skip(1).Select(o => o.GetProperty("source").GetString()));
        var named = Lines(await host.Client.GetStringAsync($"/api/query/stream?{Here}&CAT=private", Ct));
        var skipped = named.Skip(1).Single();
        Assert.Equal("Skipped", skipped.GetProperty("status").GetString());
        Assert.Contains("restricted to members of the group 'frb-team'", skipped.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Archive.RequestsTo("/private"));
    }

    [Fact]
    public async Task Sources_health_and_the_openapi_description_answer()
    {
        await using var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null), ("img", "/img", "images", 20, null));
        var sources = JsonDocument.Parse(await host.Client.GetStringAsync("/api/sources", Ct)).RootElement.EnumerateArray().ToList();
        Assert.Equal(["a", "img"], sources.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal("Images", sources[1].GetProperty("kind").GetString());
        Assert.Equal("Healthy", await host.Client.GetStringAsync("/health/ready", Ct));
        var openApi = await host.Client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/query/stream", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/resolve", openApi, StringComparison.Ordinal);
    }
}
