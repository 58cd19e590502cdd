using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Testing;

namespace Das.Sources.Tests.Fink;

public sealed class FinkProtocolTests : FakeArchiveTests
{
    private const string Path = "api/v1/conesearch";
    private IDataSource _source = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _source = Harness.Build(new SourceDefinition
        {
            Id = "fink",
            Title = "Fink",
            Kind = "catalogue",
            Protocol = "fink",
            Endpoint = Server.Url(Path).AbsoluteUri,
            Columns = ["i:objectId", "i:ra", "i:dec", "i:magpsf"],
            MaxRows = 100,
            BudgetSeconds = 10,
            CacheHours = 0,
        });
    }

    private Task<SourceAnswer> AskAsync(double errArcsec = 10) =>
        _source.FetchAsync(_source.Plan(SourceHarness.Search(_source, 334.02, -7.8988, errArcsec: errArcsec)), Ct);

    private static FakeResponse Json(string fixture, int status = 200) =>
        FakeResponse.Text(Fixture.Text("Fink", fixture), "application/json", status);

    [Fact]
    public async Task Alerts_become_rows_with_the_position_and_id_marked_main()
    {
        Server.Route(Path, Json("conesearch-two-objects.json"));

        var table = (await AskAsync()).Table;

        Assert.Equal(2, table.RowCount);
        Assert.Equal(["i:objectId", "i:ra", "i:dec", "i:jd", "i:magpsf", "i:sigmapsf", "i:fid", "i:ndethist", "v:separation_degree"], table.Fields.Select(f => f.Name));
        Assert.Equal("pos.eq.ra;meta.main", table.FindColumnByUcd("pos.eq.ra")!.Field.Ucd);
        Assert.Equal("i:dec", table.FindColumnByUcd("pos.eq.dec")!.Name);
        Assert.Equal("i:objectId", table.FindColumnByUcd("meta.id")!.Name);
        Assert.Equal("deg", table.FindColumn("v:separation_degree")!.Field.Unit);
        Assert.Equal("ZTF19aavlsrw", ((StringColumn)table.FindColumn("i:objectId")!).GetString(1));
        Assert.Equal(18.734, ((ScalarColumn<double>)table.FindColumn("i:magpsf")!)[0]);
        var fid = (ScalarColumn<long>)table.FindColumn("i:fid")!;
        Assert.Equal([2L, 1L], [fid[0], fid[1]]);
        var detections = table.FindColumn("i:ndethist")!;
        Assert.Equal(VoDataType.Long, detections.Field.DataType);
        Assert.True(detections.IsNull(1));
        Assert.False(table.IsTruncated);
    }

    [Fact]
    public async Task The_request_sent_is_the_documented_cone_search()
    {
        Server.Route(Path, Json("conesearch-empty.json"));
        await AskAsync(errArcsec: 90);

        var sent = Assert.Single(Server.RequestsTo(Path));
        Assert.Equal("GET", sent.Method);
        Assert.Equal("?ra=334.02&dec=-7.8988&radius=90&n=100&columns=i:objectId,i:ra,i:dec,i:magpsf&output-format=json", sent.QueryString);
    }

    [Fact]
    public async Task No_alert_is_an_empty_table_with_the_columns_asked_for()
    {
        Server.Route(Path, Json("conesearch-empty.json"));

        var table = (await AskAsync()).Table;

        Assert.Equal(0, table.RowCount);
        Assert.Equal(["i:objectId", "i:ra", "i:dec", "i:magpsf", "v:separation_degree"], table.Fields.Select(f => f.Name));
        Assert.Equal("pos.eq.ra;meta.main", table.FindColumn("i:ra")!.Field.Ucd);
    }

    [Fact]
    public async Task As_many_objects_as_asked_for_means_there_may_be_more()
    {
        var two = Harness.Build(new SourceDefinition
        {
            Id = "fink-two", Title = "Fink", Kind = "catalogue", Protocol = "fink", Endpoint = Server.Url(Path).AbsoluteUri, MaxRows = 2, BudgetSeconds = 10,
        });
        Server.Route(Path, Json("conesearch-two-objects.json"));

        var table = (await two.FetchAsync(two.Plan(SourceHarness.Search(two, 334.02, -7.8988)), Ct)).Table;

        Assert.Equal(TruncationReason.ServiceOverflow, table.Truncation?.Reason);
        Assert.Equal("Fink returned 2 objects, the most asked for (n=2); there may be more", table.Truncation?.Message);
    }

    [Fact]
    public async Task A_400_keeps_Fink_s_reason_without_the_python_dict_around_it()
    {
        Server.Route(Path, FakeResponse.Text(Fixture.Text("Fink", "radius-too-large.txt"), "text/html; charset=utf-8", 400));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Http, failure.Kind);
        Assert.Equal("the service answered HTTP 400: `radius` cannot be bigger than 18,000 arcseconds (5 degrees).", failure.Message);
    }

    [Fact]
    public async Task A_400_whose_reason_is_a_python_exception_keeps_it()
    {
        Server.Route(Path, FakeResponse.Text(Fixture.Text("Fink", "bad-coordinates.txt"), "text/html; charset=utf-8", 400));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal("the service answered HTTP 400: ValueError(\"Invalid character at col 0 in angle 'kfdlkj'\")", failure.Message);
    }

    [Fact]
    public async Task An_error_object_is_the_service_s_own_error()
    {
        Server.Route(Path, Json("error-object.json"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Query, failure.Kind);
        Assert.Equal("the service reported an error: The conesearch backend is not available, try again later.", failure.Message);
    }

    [Fact]
    public async Task A_python_error_text_with_status_200_is_the_service_s_own_error()
    {
        Server.Route(Path, FakeResponse.Text(Fixture.Text("Fink", "radius-too-large.txt"), "text/html; charset=utf-8"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Query, failure.Kind);
        Assert.Equal("the service reported an error: `radius` cannot be bigger than 18,000 arcseconds (5 degrees).", failure.Message);
    }

    [Fact]
    public async Task An_HTML_page_instead_of_JSON_is_a_format_failure_named_by_its_title()
    {
        Server.Route(Path, FakeResponse.Html("Fink portal - maintenance"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Format, failure.Kind);
        Assert.Equal("the service sent an HTML page instead of Fink's JSON: \"Fink portal - maintenance\"", failure.Message);
    }

    [Fact]
    public async Task JSON_that_is_not_a_list_of_alerts_is_a_format_failure()
    {
        Server.Route(Path, Json("not-a-list.json"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Format, failure.Kind);
        Assert.StartsWith("the answer is JSON but not the array of alerts Fink sends (it is an object); it begins: {\"i:objectId\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JSON_cut_short_is_a_format_failure_saying_where()
    {
        Server.Route(Path, Json("cut-short.json"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Format, failure.Kind);
        Assert.StartsWith("the answer is not valid JSON (line 1, byte ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_a_format_failure()
    {
        Server.Route(Path, FakeResponse.Text("", "application/json"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal("the service sent an empty answer instead of Fink's JSON", failure.Message);
    }

    [Fact]
    public void A_cone_wider_than_5_degrees_is_refused_before_anything_is_sent()
    {
        var failure = Assert.Throws<SourceFailureException>(() => _source.Plan(SourceHarness.Search(_source, 334.02, -7.8988, fovArcmin: 700)));

        Assert.Equal(SourceFailureKind.Input, failure.Kind);
        Assert.StartsWith("Fink's cone search takes a radius of at most 18,000 arcsec (5 degrees); this search needs 21000 arcsec", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }
}
