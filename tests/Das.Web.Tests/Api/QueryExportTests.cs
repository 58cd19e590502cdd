using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Das.Tables.VoTable;
using Das.Testing;

namespace Das.Web.Tests.Api;

public sealed class QueryExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Here = "RA=334.02&DEC=-7.8988&IMG=0";

    private static async Task<DasWebHost> RanQueryAsync()
    {
        // Failures are never cached: only the query's recent outcomes can spare the failing archive a second request.
        var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null), ("b", "/b", "catalogue", 10, null), ("c", "/c", "catalogue", 10, null));
        host.Archive.Route("/a", FakeResponse.VoTable(DasWebHost.Table(3)));
        host.Archive.Route("/b", FakeResponse.WithStatus(503, "archive asleep"));
        host.Archive.Route("/c", FakeResponse.VoTable(DasWebHost.Table(0)));
        var stream = await host.Client.GetStringAsync($"/api/query/stream?{Here}", Ct);
        Assert.Equal(4, stream.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        return host;
    }

    private static int ArchiveRequests(DasWebHost host) => host.Archive.Requests.Count;

    [Fact]
    public async Task Whole_query_votable_has_every_source_and_asks_no_archive_again()
    {
        await using var host = await RanQueryAsync();
        int before = ArchiveRequests(host);
        var response = await host.Client.GetAsync($"/api/query/export?{Here}&format=votable", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"das-334.020000-7.898800.vot\"", response.Content.Headers.ContentDisposition?.ToString());
        var read = await VoTableReader.ReadAsync(await response.Content.ReadAsStreamAsync(Ct), null, Ct);
        Assert.NotNull(read.Document);
        Assert.Equal(["a", "b", "c"], read.Document.Resources.Select(r => r.Name));
        Assert.Equal(3, read.Document.AllTables().Sum(t => t.RowCount));
        var failed = read.Document.Resources[1].Infos.Single(i => i.Name == "QUERY_STATUS");
        Assert.Equal("ERROR", failed.Value);
        Assert.Contains("503", failed.Content, StringComparison.Ordinal);
        Assert.Equal(before, ArchiveRequests(host));
    }

    [Fact]
    public async Task Whole_query_csv_is_a_zip_of_one_csv_per_source_with_rows_and_the_outcomes()
    {
        await using var host = await RanQueryAsync();
        int before = ArchiveRequests(host);
        var response = await host.Client.GetAsync($"/api/query/export?{Here}&format=csv", Ct);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(["a.csv", "outcomes.csv"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var a = new StreamReader(zip.GetEntry("a.csv")!.Open());
        Assert.Equal(4, (await a.ReadToEndAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        using var outcomes = new StreamReader(zip.GetEntry("outcomes.csv")!.Open());
        var lines = (await outcomes.ReadToEndAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("source,title,kind,status,rows,elapsed_ms,cached_age_s,message,provenance,file", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("a,Archive a,Catalogue,Ok,3,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",a.csv", lines[1].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.StartsWith("b,Archive b,Catalogue,Failed,0,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("c,Archive c,Catalogue,Empty,0,", lines[3], StringComparison.Ordinal);
        Assert.Equal(before, ArchiveRequests(host));
    }

    [Fact]
    public async Task Whole_query_json_and_xlsx_come_from_the_same_outcomes()
    {
        await using var host = await RanQueryAsync();
        int before = ArchiveRequests(host);
        var json = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/query/export?{Here}&format=json", Ct)).RootElement;
        Assert.Equal(["Ok", "Failed", "Empty"], json.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("status").GetString()));
        Assert.Equal(3, json.GetProperty("outcomes")[0].GetProperty("table").GetProperty("rowCount").GetInt32());
        var xlsx = await host.Client.GetAsync($"/api/query/export?{Here}&format=xlsx", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using var book = new ZipArchive(await xlsx.Content.ReadAsStreamAsync(Ct));
        using var workbook = new StreamReader(book.GetEntry("xl/workbook.xml")!.Open());
        var sheets = await workbook.ReadToEndAsync(Ct);
        Assert.Contains("name=\"a\"", sheets, StringComparison.Ordinal);
        Assert.Contains("name=\"sources\"", sheets, StringComparison.Ordinal);
        Assert.Equal(before, ArchiveRequests(host));
    }

    [Fact]
    public async Task Export_of_a_query_that_did_not_run_here_asks_the_sources_once()
    {
        await using var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null));
        host.Archive.Route("/a", FakeResponse.VoTable(DasWebHost.Table(2)));
        var first = await host.Client.GetAsync($"/api/query/export?{Here}&format=votable", Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Single(host.Archive.RequestsTo("/a"));
        var second = await host.Client.GetAsync($"/api/query/export?{Here}&format=json", Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(host.Archive.RequestsTo("/a"));
        // Another place is another query.
        await host.Client.GetAsync("/api/query/export?RA=10&DEC=20&IMG=0&format=json", Ct);
        Assert.Equal(2, host.Archive.RequestsTo("/a").Count);
    }

    [Theory]
    [InlineData("format=pdf", "format")]
    [InlineData("format=csv&RA=400", "RA")]
    public async Task Bad_export_parameters_answer_400_naming_the_parameter(string parameters, string parameter)
    {
        await using var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null));
        var response = await host.Client.GetAsync($"/api/query/export?RA=334.02&DEC=-7.8988&{parameters}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.Equal(parameter, errors[0].GetProperty("parameter").GetString());
        Assert.Empty(host.Archive.Requests);
    }

    [Fact]
    public async Task One_table_download_names_a_source_the_query_does_not_ask_with_a_400()
    {
        await using var host = await DasWebHost.StartAsync(("a", "/a", "catalogue", 10, null));
        var response = await host.Client.GetAsync($"/api/query/table?{Here}&source=nope&format=csv", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not asked by this query", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
