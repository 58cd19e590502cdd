using Das.Engine.Execution;
using Das.Sources.Catalog;
using Das.Sources.Redshifts;
using Das.Testing;

namespace Das.Sources.Tests.Redshifts;

/// <summary>tap-redshifts on a fake TAP service: TAP_SCHEMA first, then one cone per table with redshifts.</summary>
public sealed class TapRedshiftProtocolTests : IAsyncLifetime
{
    private FakeVoServer _archive = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _archive = await FakeVoServer.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _archive.DisposeAsync();

    [Fact]
    public void The_tap_schema_query_asks_for_redshift_position_id_error_and_quality_columns_only()
    {
        var adql = TapRedshiftProtocol.DiscoveryQuery(new Uri("http://127.0.0.1:1/tap")).Adql.Text;

        Assert.StartsWith("SELECT c.table_name, t.description AS table_description, c.column_name", adql, StringComparison.Ordinal);
        Assert.EndsWith("WHERE c.ucd LIKE 'src.redshift%' OR c.ucd LIKE 'stat.error;src.redshift%' OR c.ucd LIKE 'pos.eq.ra%' OR c.ucd LIKE 'pos.eq.dec%'" +
            " OR c.ucd LIKE 'meta.id;meta.main%' OR c.ucd LIKE 'meta.code.qual%' OR c.ucd LIKE 'meta.bib.bibcode%'", adql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_table_with_redshifts_gets_a_cone_and_one_that_fails_is_named_while_the_others_are_kept()
    {
        _archive.Route("tap/sync", request =>
        {
            var query = RedshiftAggregatorTests.Form(request, "QUERY");
            return query.Contains("TAP_SCHEMA", StringComparison.Ordinal) ? FakeResponse.VoTable(Fixture.Text("Redshifts", "tap-schema-three-tables.xml"))
                : query.Contains("FROM cat.specz", StringComparison.Ordinal) ? FakeResponse.VoTable(Fixture.Text("Redshifts", "tap-cone-specz.xml"))
                : FakeResponse.Html("Internal Server Error", 500);
        });
        await using var host = new RedshiftHost(new SourceDefinition
        {
            Id = "survey-z", Title = "Survey redshifts", Kind = "redshifts", Protocol = "tap-redshifts", Endpoint = _archive.Url("tap").AbsoluteUri,
        });

        var result = await host.SearchAsync(10);

        var outcome = Assert.Single(result.Contributors);
        Assert.Equal(OutcomeStatus.Ok, outcome.Status);
        Assert.Contains("FROM TAP_SCHEMA.columns", outcome.Provenance, StringComparison.Ordinal);
        Assert.Contains(outcome.Notes, n => n.StartsWith("cat.main: the service answered HTTP 500", StringComparison.Ordinal));
        Assert.Contains(outcome.Notes, n => n.StartsWith("spec.data: it has a redshift column but no position column", StringComparison.Ordinal));
        var row = Assert.Single(RedshiftNormaliserTests.Rows(result.Table));
        Assert.Equal(("cat.specz", 0.23405, 4e-05, "spec", "1", "4"), (row.Catalogue, row.Z, Math.Round(row.ZErr, 8), row.Kind, row.Object, row.Quality));
        Assert.True(row.Separation < 0.1, row.Separation.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var cones = _archive.RequestsTo("tap/sync").Select(r => RedshiftAggregatorTests.Form(r, "QUERY")).Where(q => !q.Contains("TAP_SCHEMA", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "SELECT TOP 200 id, ra, dec, z, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 334.02, -7.8988)) AS das_dist_deg FROM cat.main " +
            "WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 334.02, -7.8988, 0.002777777777777778)) ORDER BY das_dist_deg",
            "SELECT TOP 200 specz_id, ra, dec, z, z_err, zquality, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 334.02, -7.8988)) AS das_dist_deg FROM cat.specz " +
            "WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 334.02, -7.8988, 0.002777777777777778)) ORDER BY das_dist_deg",
        ], cones);
    }

    [Fact]
    public async Task When_every_table_fails_the_source_fails_with_the_first_reason()
    {
        _archive.Route("tap/sync", request => RedshiftAggregatorTests.Form(request, "QUERY").Contains("TAP_SCHEMA", StringComparison.Ordinal)
            ? FakeResponse.VoTable(Fixture.Text("Redshifts", "tap-schema-three-tables.xml"))
            : FakeResponse.WithStatus(503, "overloaded"));
        await using var host = new RedshiftHost(new SourceDefinition
        {
            Id = "survey-z", Title = "Survey redshifts", Kind = "redshifts", Protocol = "tap-redshifts", Endpoint = _archive.Url("tap").AbsoluteUri,
            BudgetSeconds = 5,
        });

        var outcome = Assert.Single((await host.SearchAsync(10)).Contributors);

        Assert.Equal(OutcomeStatus.Failed, outcome.Status);
        Assert.Contains("every table failed; 2 tables, the first:", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("503", outcome.Message, StringComparison.Ordinal);
    }
}
