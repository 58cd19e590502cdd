using Das.Engine.Execution;
using Das.Sources.Catalog;
using Das.Tables.Columns;
using Das.Testing;

namespace Das.Sources.Tests.Redshifts;

/// <summary>
/// The redshift search against the real DaCHS peer (tap-redshifts finds synthcat.main and synthcat.specz through its
/// TAP_SCHEMA) together with fake SIMBAD and VizieR on loopback and a NED that fails.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RedshiftAggregatorDachsTests : IAsyncLifetime
{
    private FakeVoServer _archive = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _archive = await FakeVoServer.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _archive.DisposeAsync();

    private static Uri DachsTap
    {
        get
        {
            var url = Environment.GetEnvironmentVariable("DAS_DACHS_URL");
            if (string.IsNullOrWhiteSpace(url))
            {
                Assert.Skip("the DaCHS peer is not running (./test.sh starts it and sets DAS_DACHS_URL)");
            }
            var tap = new Uri(url.TrimEnd('/') + "/tap");
            Assert.True(tap.IsLoopback, "the DaCHS peer must be on loopback");
            return tap;
        }
    }

    [Fact]
    public async Task Dachs_redshifts_join_the_fake_archives_nearest_first_while_ned_fails()
    {
        var dachs = new SourceDefinition
        {
            Id = "dachs-z", Title = "DaCHS redshift tables", Kind = "redshifts", Protocol = "tap-redshifts", Endpoint = DachsTap.AbsoluteUri, BudgetSeconds = 60,
        };
        _archive.Route("simbad/sim-tap/sync", FakeResponse.VoTable(Fixture.Text("Redshifts", "simbad-basic-three-redshifts.xml")));
        _archive.Route("ned/tap/sync", FakeResponse.Html("Service Temporarily Unavailable", 503));
        _archive.Route("viz-bin/votable", FakeResponse.VoTable(Fixture.Text("Redshifts", "vizier-ucd-redshift-three-catalogues.xml")));
        await using var host = new RedshiftHost(
            dachs,
            RedshiftHost.Default("simbad-redshifts", _archive.Url("simbad/sim-tap")),
            RedshiftHost.Default("ned-redshifts", _archive.Url("ned/tap")) with { BudgetSeconds = 5 },
            RedshiftHost.Default("vizier-redshifts", _archive.Url("viz-bin/votable")));

        var result = await host.SearchAsync(5);

        var byId = result.Contributors.ToDictionary(o => o.Source.Id);
        Assert.Equal(OutcomeStatus.Ok, byId["dachs-z"].Status);
        Assert.Equal(OutcomeStatus.Ok, byId["simbad-redshifts"].Status);
        Assert.Equal(OutcomeStatus.Ok, byId["vizier-redshifts"].Status);
        Assert.Equal(OutcomeStatus.Failed, byId["ned-redshifts"].Status);
        Assert.Contains("503", byId["ned-redshifts"].Message, StringComparison.Ordinal);
        // synthspec.data has ssa_redshift but no position column: named, not queried.
        Assert.Contains(byId["dachs-z"].Notes, n => n.StartsWith("synthspec.data: it has a redshift column but no position column", StringComparison.Ordinal));

        var rows = RedshiftNormaliserTests.Rows(result.Table);
        Assert.Equal(rows.Select(r => r.Separation).Where(double.IsFinite).Order(), rows.Select(r => r.Separation).Where(double.IsFinite));
        // The FRB host: synthcat.main id 1 at the centre (z 0.234), and its spectroscopic redshift 0.05" away.
        var main = Assert.Single(rows, r => r.Catalogue == "synthcat.main" && r.Object == "1");
        Assert.Equal(0.234, main.Z, 5);
        Assert.True(main.Separation < 1e-3);
        var specz = Assert.Single(rows, r => r.Catalogue == "synthcat.specz" && r.Object == "1");
        Assert.Equal((0.23405, 4e-05, "spec", "4"), (specz.Z, Math.Round(specz.ZErr, 8), specz.Kind, specz.Quality));
        Assert.InRange(specz.Separation, 0.01, 0.1);
        Assert.All(rows.Where(r => r.Catalogue == "synthcat.main"), r => Assert.Equal("unknown", r.Kind)); // "photometric or spectroscopic"
        var source = (StringColumn)result.Table.Columns[12];
        var provenance = (StringColumn)result.Table.Columns[13];
        int speczRow = Enumerable.Range(0, result.Table.RowCount).First(r => source.GetString(r) == "dachs-z" && ((StringColumn)result.Table.Columns[7]).GetString(r) == "synthcat.specz");
        Assert.Contains("FROM synthcat.specz WHERE 1 = CONTAINS", provenance.GetString(speczRow), StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Catalogue == "J/ApJS/199/26/table3");
        Assert.Contains(rows, r => r.Object == "SYN J2216.0-0753 host");
    }
}
