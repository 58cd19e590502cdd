using System.Net;
using System.Text.Json;
using Das.Sources.Catalog;
using Das.Tables.VoTable;
using Das.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Das.Web.Tests.Api;

/// <summary>GET /api/redshift and /api/redshift/stream, with the default SIMBAD, NED and VizieR entries pointed at fakes.</summary>
public sealed class RedshiftApiTests : IAsyncLifetime
{
    private const string Here = "RA=22:16:04.8&DEC=-07:53:55.7&RADIUS=20";
    private readonly string _catalogue = Path.Combine(Path.GetTempPath(), $"das-redshift-{Guid.NewGuid():N}.json");
    private FakeVoServer _archive = null!;
    private WebApplicationFactory<Program> _factory = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Answer(string fields, params string[] rows) =>
        "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>" +
        fields + "<DATA><TABLEDATA>" + string.Concat(rows.Select(r => "<TR>" + string.Concat(r.Split('|').Select(c => $"<TD>{c}</TD>")) + "</TR>")) +
        "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    private const string Simbad = "<FIELD name=\"main_id\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.id;meta.main\"/>" +
        "<FIELD name=\"ra\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.ra;meta.main\"/><FIELD name=\"dec\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.dec;meta.main\"/>" +
        "<FIELD name=\"rvz_redshift\" datatype=\"double\" ucd=\"src.redshift\"/><FIELD name=\"rvz_err\" datatype=\"double\"/>" +
        "<FIELD name=\"rvz_type\" datatype=\"char\" arraysize=\"*\"/><FIELD name=\"rvz_nature\" datatype=\"char\" arraysize=\"*\"/>";

    public async ValueTask InitializeAsync()
    {
        _archive = await FakeVoServer.StartAsync(Ct);
        var defaults = SourceCatalogLoader.ReadDefaultFile().Sources.ToDictionary(s => s.Id!);
        SourceDefinition At(string id, string path) => defaults[id] with { Endpoint = _archive.Url(path).AbsoluteUri, Mirrors = [] };
        var file = new SourceCatalogFile
        {
            Mode = "replace",
            Sources =
            [
                At("simbad-redshifts", "simbad"), At("ned-redshifts", "ned") with { BudgetSeconds = 5 }, At("vizier-redshifts", "vizier"),
                // An ordinary catalogue: never asked by the redshift search.
                new SourceDefinition { Id = "plain", Title = "Plain", Kind = "catalogue", Protocol = "scs", Endpoint = _archive.Url("plain").AbsoluteUri },
            ],
        };
        await File.WriteAllTextAsync(_catalogue, JsonSerializer.Serialize(file, SourceCatalogLoader.Json), Ct);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Das:Sources", _catalogue));
        _archive.Route("simbad/sync", FakeResponse.VoTable(Answer(Simbad,
            "&lt;b&gt;Host&lt;/b&gt; galaxy|334.0200|-7.8988|0.234|0.0002|z|s",
            "Star|334.0205|-7.8990|0.00005|2.99792458|v|s")));
        _archive.Route("ned/sync", FakeResponse.Html("NED Maintenance", 503));
        _archive.Route("vizier", FakeResponse.VoTable(
            "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/>" +
            "<RESOURCE name=\"VII/259\"><DESCRIPTION>6dF-DR3 (Jones+, 2009)</DESCRIPTION><TABLE name=\"VII/259/6dfgs\">" +
            "<FIELD name=\"_r\" ucd=\"pos.angDistance\" datatype=\"double\" unit=\"arcmin\"/><FIELD name=\"z\" ucd=\"src.redshift\" datatype=\"float\"/>" +
            "<DATA><TABLEDATA><TR><TD>0.010</TD><TD>0.2339</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"));
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _archive.DisposeAsync();
        File.Delete(_catalogue);
    }

    [Fact]
    public async Task Json_answer_has_the_search_every_contributor_and_the_merged_table_nearest_first()
    {
        var response = await _factory.CreateClient().GetAsync($"/api/redshift?{Here}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(334.02, json.GetProperty("search").GetProperty("ra").GetDouble(), 6);
        Assert.Equal(20, json.GetProperty("search").GetProperty("radiusArcsec").GetDouble());
        var contributors = json.GetProperty("contributors").EnumerateArray().ToList();
        Assert.Equal(["simbad-redshifts", "ned-redshifts", "vizier-redshifts"], contributors.Select(c => c.GetProperty("source").GetString()));
        Assert.Equal(["Ok", "Failed", "Ok"], contributors.Select(c => c.GetProperty("status").GetString()));
        Assert.Contains("HTTP 503", contributors[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("FROM NEDTAP.objdir", contributors[1].GetProperty("provenance").GetString(), StringComparison.Ordinal);
        var table = json.GetProperty("table");
        var names = table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["separation", "z", "z_err", "z_kind", "object", "ra", "dec", "catalogue", "catalogue_description", "z_column", "quality", "reference", "source", "provenance"], names);
        var rows = table.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["<b>Host</b> galaxy", null, "Star"], rows.Select(r => r[4].GetString()));
        Assert.Equal([0.234, 0.2339, 0.00005], rows.Select(r => Math.Round(r[1].GetDouble(), 6)));
        Assert.Equal(0.6, rows[1][0].GetDouble(), 6); // 0.010 arcmin from VizieR's _r
        Assert.Equal("VII/259/6dfgs", rows[1][7].GetString());
        Assert.Equal("6dF-DR3 (Jones+, 2009)", rows[1][8].GetString());
        Assert.Equal(1e-5, rows[2][2].GetDouble(), 12);
        Assert.Empty(_archive.RequestsTo("plain"));
    }

    [Fact]
    public async Task Votable_answer_is_one_table_with_an_info_per_contributor_and_reads_back()
    {
        var response = await _factory.CreateClient().GetAsync($"/api/redshift?{Here}&format=votable", Ct);

        Assert.Equal("application/x-votable+xml", response.Content.Headers.ContentType?.MediaType);
        var read = await VoTableReader.ReadAsync(await response.Content.ReadAsStreamAsync(Ct), null, Ct);
        Assert.True(read.Succeeded, read.Failure?.Message);
        var resource = Assert.Single(read.Document!.Resources);
        Assert.Equal(3, Assert.Single(resource.Tables).RowCount);
        Assert.Equal(["simbad-redshifts", "ned-redshifts", "vizier-redshifts"], resource.Infos.Where(i => i.Name == "contributor").Select(i => i.Value));
        Assert.Contains(resource.Infos, i => i.Name == "contributor" && i.Value == "ned-redshifts" && i.Content!.StartsWith("Failed: NED redshifts: the service answered HTTP 503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csv_download_is_the_merged_table()
    {
        var response = await _factory.CreateClient().GetAsync($"/api/redshift?{Here}&format=csv", Ct);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"redshifts.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("separation,z,z_err,z_kind,object,ra,dec,catalogue", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Count(l => char.IsAsciiDigit(l[0]))); // three rows; the provenance's ADQL continues quoted lines
    }

    [Fact]
    public async Task Stream_sends_the_start_line_then_one_outcome_per_contributor_with_its_redshift_table()
    {
        var response = await _factory.CreateClient().GetAsync($"/api/redshift/stream?{Here}", HttpCompletionOption.ResponseHeadersRead, Ct);

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("start", lines[0].GetProperty("type").GetString());
        Assert.Equal(["simbad-redshifts", "ned-redshifts", "vizier-redshifts"], lines[0].GetProperty("contributors").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        var outcomes = lines.Skip(1).ToDictionary(l => l.GetProperty("source").GetString()!);
        Assert.Equal(3, outcomes.Count);
        Assert.Equal(2, outcomes["simbad-redshifts"].GetProperty("table").GetProperty("rowCount").GetInt32());
        Assert.Equal("Failed", outcomes["ned-redshifts"].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("RA=25h&DEC=-91&RADIUS=0", new[] { "DEC", "RA", "RADIUS" })]
    [InlineData("RADIUS=5", new[] { "RA" })]
    [InlineData("RA=334.02&DEC=-7.8988&FOV=2", new[] { "FOV" })]
    [InlineData("RA=334.02&DEC=-7.8988&format=fits", new[] { "format" })]
    public async Task Bad_parameters_answer_400_with_each_problem_under_its_parameter(string query, string[] parameters)
    {
        var response = await _factory.CreateClient().GetAsync($"/api/redshift?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(parameters, errors.Select(e => e.GetProperty("parameter").GetString()).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        Assert.Empty(_archive.Requests);
    }

    [Fact]
    public async Task The_openapi_description_lists_the_redshift_endpoints()
    {
        var openApi = await _factory.CreateClient().GetStringAsync("/openapi/v1.json", Ct);

        Assert.Contains("/api/redshift/stream", openApi, StringComparison.Ordinal);
        Assert.Contains("Every redshift known near a position", openApi, StringComparison.Ordinal);
    }
}
