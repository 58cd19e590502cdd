using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Tables.Model;
using Das.Testing;

namespace Das.Sources.Tests.Irsa;

public sealed class ZtfLightCurveProtocolTests : FakeArchiveTests
{
    private const string Path = "cgi-bin/ZTF/nph_light_curves";

    private IDataSource Source(long maxRows = 1000) => Harness.Build(new SourceDefinition
    {
        Id = "irsa-ztf-lightcurves",
        Title = "ZTF light curves",
        Kind = "lightcurve",
        Protocol = "irsa-ztf-lightcurves",
        Endpoint = Server.Url(Path).AbsoluteUri,
        Parameters = new Dictionary<string, string> { ["BANDNAME"] = "g,r", ["COLLECTION"] = "ztf_dr23" },
        MaxRows = maxRows,
        BudgetSeconds = 10,
    });

    private static Task<SourceAnswer> AskAsync(IDataSource source) =>
        source.FetchAsync(source.Plan(SourceHarness.Search(source, 334.02, -7.8988)), Ct);

    [Fact]
    public async Task Epochs_are_read_from_the_service_s_default_VOTable()
    {
        Server.Route(Path, FakeResponse.VoTable(Fixture.Text("Irsa", "lightcurve-two-objects.xml")));

        var table = (await AskAsync(Source())).Table;

        Assert.Equal(3, table.RowCount);
        Assert.Equal("mjd", table.FindColumnByUcd("time.epoch")!.Name);
        Assert.Equal("oid", table.FindColumnByUcd("meta.id")!.Name);
        var sent = Assert.Single(Server.RequestsTo(Path));
        Assert.Equal("GET", sent.Method);
        // POS as public code sends it; BANDNAME and COLLECTION from the definition; no FORMAT, so the default VOTable.
        Assert.Equal("?POS=CIRCLE%20334.02%20-7.8988%200.016666666666666666&BANDNAME=g,r&COLLECTION=ztf_dr23", sent.QueryString);
    }

    [Fact]
    public async Task Epochs_beyond_maxRows_are_cut_and_said_so()
    {
        Server.Route(Path, FakeResponse.VoTable(Fixture.Text("Irsa", "lightcurve-two-objects.xml")));

        var table = (await AskAsync(Source(maxRows: 2))).Table;

        Assert.Equal(2, table.RowCount);
        Assert.Equal(TruncationReason.RowCap, table.Truncation?.Reason);
    }

    [Fact]
    public async Task An_error_VOTable_is_the_service_s_own_error()
    {
        // The light-curve page documents no error form; this is the QUERY_STATUS form IRSA's VO services use.
        Server.Route(Path, FakeResponse.VoTable(Fixture.Text("Irsa", "error-bad-position.xml")));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync(Source()));

        Assert.Equal(SourceFailureKind.Query, failure.Kind);
        Assert.Equal("the service reported an error: Invalid POS parameter", failure.Message);
    }

    [Fact]
    public async Task An_HTML_page_instead_of_the_VOTable_is_a_format_failure()
    {
        Server.Route(Path, FakeResponse.Html("IRSA - Service Unavailable"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync(Source()));

        Assert.Equal(SourceFailureKind.Format, failure.Kind);
        Assert.Equal("the service sent an HTML page instead of a VOTable: \"IRSA - Service Unavailable\"", failure.Message);
    }
}
