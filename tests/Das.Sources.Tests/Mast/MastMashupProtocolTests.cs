using System.Net;
using System.Text;
using System.Text.Json;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Testing;

namespace Das.Sources.Tests.Mast;

public sealed class MastMashupProtocolTests : FakeArchiveTests
{
    private const string Path = "api/v0/invoke";
    private IDataSource _source = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _source = Source(budgetSeconds: 10);
    }

    private IDataSource Source(double budgetSeconds) => Harness.Build(new SourceDefinition
    {
        Id = "tic",
        Title = "TIC",
        Kind = "catalogue",
        Protocol = "mast-mashup",
        Endpoint = Server.Url(Path).AbsoluteUri,
        Parameters = new Dictionary<string, string> { ["service"] = "Mast.Catalogs.Tic.Cone" },
        MaxRows = 2000,
        BudgetSeconds = budgetSeconds,
    });

    private Task<SourceAnswer> AskAsync(IDataSource? source = null)
    {
        source ??= _source;
        return source.FetchAsync(source.Plan(SourceHarness.Search(source, 334.02, -7.8988)), Ct);
    }

    private static FakeResponse Json(string fixture) => FakeResponse.Text(Fixture.Text("Mast", fixture), "application/json");

    [Fact]
    public async Task Rows_become_a_table_typed_by_the_declared_fields()
    {
        Server.Route(Path, Json("tic-cone-complete.json"));

        var table = (await AskAsync()).Table;

        Assert.Equal(2, table.RowCount);
        Assert.DoesNotContain(table.Fields, f => f.Name == "_selected_");
        Assert.Equal("ID", table.FindColumnByUcd("meta.id")!.Name);
        Assert.Equal("ra", table.FindColumnByUcd("pos.eq.ra")!.Name);
        Assert.Equal("pos.eq.dec;meta.main", table.FindColumn("dec")!.Field.Ucd);
        Assert.Equal("arcsec", table.FindColumn("dstArcSec")!.Field.Unit);
        Assert.Equal(VoDataType.Char, table.FindColumn("ID")!.Field.DataType);
        Assert.Equal(VoDataType.Long, table.FindColumn("numcont")!.Field.DataType);
        Assert.Equal("70513370", ((StringColumn)table.FindColumn("ID")!).GetString(0));
        Assert.Equal(11.873, ((ScalarColumn<double>)table.FindColumn("Tmag")!)[0]);
        Assert.True(table.FindColumn("Teff")!.IsNull(1));
        Assert.True(table.FindColumn("GAIA")!.IsNull(1));
        Assert.False(table.IsTruncated);
    }

    [Fact]
    public async Task The_request_is_a_form_post_of_the_mashup_JSON()
    {
        Server.Route(Path, Json("tic-cone-empty.json"));
        await AskAsync();

        var sent = Assert.Single(Server.RequestsTo(Path));
        Assert.Equal("POST", sent.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", sent.ContentType, StringComparison.Ordinal);
        var form = Encoding.UTF8.GetString(sent.Body);
        Assert.StartsWith("request=", form, StringComparison.Ordinal);
        using var request = JsonDocument.Parse(WebUtility.UrlDecode(form["request=".Length..]));
        var root = request.RootElement;
        Assert.Equal("Mast.Catalogs.Tic.Cone", root.GetProperty("service").GetString());
        Assert.Equal(334.02, root.GetProperty("params").GetProperty("ra").GetDouble());
        Assert.Equal(-7.8988, root.GetProperty("params").GetProperty("dec").GetDouble());
        Assert.Equal(1 / 60.0, root.GetProperty("params").GetProperty("radius").GetDouble());
        Assert.Equal("json", root.GetProperty("format").GetString());
        Assert.Equal(2000, root.GetProperty("pagesize").GetInt32());
    }

    [Fact]
    public async Task While_MAST_is_executing_the_request_is_asked_again()
    {
        Server.RouteSequence(Path, Json("executing.json"), Json("executing.json"), Json("tic-cone-complete.json"));

        var table = (await AskAsync()).Table;

        Assert.Equal(2, table.RowCount);
        var asks = Server.RequestsTo(Path);
        Assert.Equal(3, asks.Count);
        Assert.All(asks, a => Assert.Equal(asks[0].Body, a.Body));
    }

    [Fact]
    public async Task Still_executing_when_the_budget_is_spent_is_a_timeout()
    {
        Server.Route(Path, Json("executing.json"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync(Source(budgetSeconds: 1)));

        Assert.Equal(SourceFailureKind.Timeout, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.StartsWith("MAST was still executing the request after ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_page_of_several_is_marked_truncated()
    {
        Server.Route(Path, Json("tic-cone-first-of-four-pages.json"));

        var table = (await AskAsync()).Table;

        Assert.Equal(TruncationReason.ServiceOverflow, table.Truncation?.Reason);
        Assert.Equal("MAST has 4 pages of 2000 rows; the first page is kept (maxRows)", table.Truncation?.Message);
    }

    [Fact]
    public async Task No_row_is_an_empty_table_with_the_declared_columns()
    {
        Server.Route(Path, Json("tic-cone-empty.json"));

        var table = (await AskAsync()).Table;

        Assert.Equal(0, table.RowCount);
        Assert.Equal(["ID", "ra", "dec"], table.Fields.Select(f => f.Name));
    }

    [Fact]
    public async Task An_ERROR_status_is_the_service_s_own_error()
    {
        Server.Route(Path, Json("error.json"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Query, failure.Kind);
        Assert.Equal("the service reported an error: Invalid service 'Mast.Catalogs.Tic.Cone': the radius must be at most 1 degree", failure.Message);
    }

    [Fact]
    public async Task A_complete_answer_without_data_is_a_format_failure()
    {
        Server.Route(Path, Json("complete-without-data.json"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Format, failure.Kind);
        Assert.StartsWith("the answer has no 'fields' and 'data' lists (status COMPLETE)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HTML_page_instead_of_JSON_is_a_format_failure_named_by_its_title()
    {
        Server.Route(Path, FakeResponse.Html("MAST: Service Unavailable"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal("the service sent an HTML page instead of MAST's JSON: \"MAST: Service Unavailable\"", failure.Message);
    }

    [Fact]
    public async Task A_503_is_retried_because_asking_changes_nothing_at_MAST()
    {
        Server.RouteSequence(Path, FakeResponse.WithStatus(503, "busy"), Json("tic-cone-complete.json"));

        var table = (await AskAsync()).Table;

        Assert.Equal(2, table.RowCount);
        Assert.Equal(2, Server.RequestsTo(Path).Count);
    }
}
