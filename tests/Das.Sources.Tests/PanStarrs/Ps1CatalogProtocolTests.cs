using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Tables.Columns;
using Das.Testing;

namespace Das.Sources.Tests.PanStarrs;

public sealed class Ps1CatalogProtocolTests : FakeArchiveTests
{
    private const string Path = "api/v0.1/panstarrs/dr2/mean.votable";
    private IDataSource _source = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _source = Harness.Build(new SourceDefinition
        {
            Id = "ps1-dr2",
            Title = "PS1 DR2",
            Kind = "catalogue",
            Protocol = "ps1-catalog",
            Endpoint = Server.Url(Path).AbsoluteUri,
            Columns = ["objName", "objID", "raMean", "decMean", "nDetections", "gMeanPSFMag", "rMeanPSFMag"],
            Parameters = new Dictionary<string, string> { ["nDetections.gte"] = "1", ["rMeanPSFMag.lte"] = "22" },
            MaxRows = 500,
            BudgetSeconds = 10,
        });
    }

    private Task<SourceAnswer> AskAsync() => _source.FetchAsync(_source.Plan(SourceHarness.Search(_source, 334.02, -7.8988)), Ct);

    [Fact]
    public async Task Objects_are_read_from_the_VOTable_form_of_the_API()
    {
        Server.Route(Path, FakeResponse.VoTable(Fixture.Text("PanStarrs", "mean-two-objects.xml")));

        var table = (await AskAsync()).Table;

        Assert.Equal(2, table.RowCount);
        Assert.Equal("raMean", table.FindColumnByUcd("pos.eq.ra")!.Name);
        Assert.Equal(98523340201140345L, ((ScalarColumn<long>)table.FindColumn("objID")!)[0]);
        Assert.Equal(
            "?ra=334.02&dec=-7.8988&radius=0.016666666666666666&nDetections.gte=1&rMeanPSFMag.lte=22&pagesize=500" +
            "&columns=%5BobjName,objID,raMean,decMean,nDetections,gMeanPSFMag,rMeanPSFMag%5D",
            Assert.Single(Server.RequestsTo(Path)).QueryString);
    }

    [Fact]
    public async Task An_HTML_page_instead_of_the_VOTable_is_a_format_failure()
    {
        Server.Route(Path, FakeResponse.Html("MAST Catalogs - Error"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Format, failure.Kind);
        Assert.Equal("the service sent an HTML page instead of a VOTable: \"MAST Catalogs - Error\"", failure.Message);
    }

    [Fact]
    public async Task A_400_keeps_the_service_s_words()
    {
        Server.Route(Path, FakeResponse.Text("Bad request: unknown column rMeanPSFMagg", status: 400));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Http, failure.Kind);
        Assert.Equal("the service answered HTTP 400: Bad request: unknown column rMeanPSFMagg", failure.Message);
    }
}
