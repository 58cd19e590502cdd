using System.Text;
using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Tables.Columns;
using Das.Testing;

namespace Das.Sources.Tests.Redshifts;

/// <summary>
/// The aggregator over fake SIMBAD, NED and VizieR on loopback, asked with the default catalogue's own entries (their
/// ADQL and ASU forms) pointed at the fakes.
/// </summary>
public sealed class RedshiftAggregatorTests : IAsyncLifetime
{
    private FakeVoServer _archive = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _archive = await FakeVoServer.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _archive.DisposeAsync();

    private RedshiftHost Host(params SourceDefinition[] extra) => new(
    [
        RedshiftHost.Default("simbad-redshifts", _archive.Url("simbad/sim-tap")),
        RedshiftHost.Default("ned-redshifts", _archive.Url("ned/tap")),
        RedshiftHost.Default("vizier-redshifts", _archive.Url("viz-bin/votable")),
        .. extra,
    ]);

    private void ArchivesAnswer()
    {
        _archive.Route("simbad/sim-tap/sync", FakeResponse.VoTable(Fixture.Text("Redshifts", "simbad-basic-three-redshifts.xml")));
        _archive.Route("ned/tap/sync", FakeResponse.Html("NED is down for maintenance", 500));
        _archive.Route("viz-bin/votable", FakeResponse.VoTable(Fixture.Text("Redshifts", "vizier-ucd-redshift-three-catalogues.xml")));
    }

    internal static string Form(RecordedRequest request, string name) =>
        Encoding.UTF8.GetString(request.Body).Split('&').Select(p => p.Split('=', 2))
            .Where(p => Uri.UnescapeDataString(p[0]) == name).Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' '))).Single();

    [Fact]
    public async Task Redshifts_of_every_archive_are_merged_nearest_first_and_a_failing_archive_keeps_its_own_message()
    {
        ArchivesAnswer();
        await using var host = Host();

        var result = await host.SearchAsync(30);

        Assert.Equal(["simbad-redshifts", "ned-redshifts", "vizier-redshifts"], result.Contributors.Select(o => o.Source.Id));
        Assert.Equal([OutcomeStatus.Ok, OutcomeStatus.Failed, OutcomeStatus.Ok], result.Contributors.Select(o => o.Status));
        var ned = result.Contributors[1];
        Assert.Equal(SourceFailureKind.Http, ned.Failure);
        Assert.StartsWith("NED redshifts: the service answered HTTP 500", ned.Message, StringComparison.Ordinal);
        Assert.Contains("NED is down for maintenance", ned.Message, StringComparison.Ordinal);
        Assert.Contains(result.Contributors[2].Notes, n => n == "II/246/out: VizieR returned it, but none of its columns is a redshift");

        var rows = RedshiftNormaliserTests.Rows(result.Table);
        Assert.Equal(["SYN J2216.0-0753 host", "22160480-0753556", "SYN star 1", null, "17", "17", "SYN QSO 2"], rows.Select(r => r.Object));
        Assert.Equal([0.234, 0.234, 0.00005, 0.2339, 1.2003, 1.31, 1.20], rows.Select(r => Math.Round(r.Z, 6)));
        Assert.Equal(["spec", "unknown", "spec", "unknown", "spec", "phot", "phot"], rows.Select(r => r.Kind));
        var source = (StringColumn)result.Table.Columns[12];
        var provenance = (StringColumn)result.Table.Columns[13];
        Assert.Equal(["simbad-redshifts", "vizier-redshifts", "simbad-redshifts", "vizier-redshifts", "vizier-redshifts", "vizier-redshifts", "simbad-redshifts"],
            Enumerable.Range(0, result.Table.RowCount).Select(source.GetString));
        Assert.Contains("FROM basic WHERE rvz_redshift IS NOT NULL AND CONTAINS", provenance.GetString(0), StringComparison.Ordinal);
        Assert.StartsWith($"GET {_archive.Url("viz-bin/votable")}?-ucd=src.redshift*&-c=334.02-7.8988&-c.rs=30", provenance.GetString(1), StringComparison.Ordinal);

        // The ADQL sent is the default catalogue's, with the search's radius in degrees.
        var simbad = Assert.Single(_archive.RequestsTo("simbad/sim-tap/sync"));
        Assert.Contains("CIRCLE('ICRS', 334.02, -7.8988, 0.008333333333333333)", Form(simbad, "QUERY"), StringComparison.Ordinal);
        Assert.Equal("500", Form(simbad, "MAXREC"));
    }

    [Fact]
    public async Task A_second_search_comes_from_the_cache_except_for_the_archive_that_failed()
    {
        ArchivesAnswer();
        await using var host = Host();

        await host.SearchAsync(30);
        var second = await host.SearchAsync(30);

        Assert.NotNull(second.Contributors[0].CachedAge);
        Assert.NotNull(second.Contributors[2].CachedAge);
        Assert.Single(_archive.RequestsTo("simbad/sim-tap/sync"));
        Assert.Single(_archive.RequestsTo("viz-bin/votable"));
        Assert.Equal(2, _archive.RequestsTo("ned/tap/sync").Count); // failures are never cached
        Assert.Equal(7, second.Table.RowCount);
    }

    [Fact]
    public async Task A_restricted_redshift_source_is_asked_only_for_its_group_and_cached_under_it()
    {
        ArchivesAnswer();
        _archive.Route("team/tap/sync", FakeResponse.VoTable(Fixture.Text("Redshifts", "ned-objdir-two-redshifts.xml")));
        var team = RedshiftHost.Default("ned-redshifts", _archive.Url("team/tap")) with { Id = "team-z", Title = "Team redshifts", Aliases = [], Group = "frb-team" };
        await using var host = Host(team);

        var anonymous = await host.SearchAsync(30);
        var member = await host.SearchAsync(30, AccessContext.ForGroups("alice", "frb-team"));

        Assert.DoesNotContain(anonymous.Contributors, o => o.Source.Id == "team-z");
        var teamOutcome = Assert.Single(member.Contributors, o => o.Source.Id == "team-z");
        Assert.Equal(OutcomeStatus.Ok, teamOutcome.Status);
        Assert.Equal(2, teamOutcome.RowCount);
        Assert.Single(_archive.RequestsTo("team/tap/sync"));
    }

    [Fact]
    public async Task Vizier_with_no_table_near_the_position_is_empty_not_a_failure()
    {
        ArchivesAnswer();
        _archive.Route("viz-bin/votable", FakeResponse.VoTable(
            "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/></VOTABLE>"));
        await using var host = Host();

        var result = await host.SearchAsync(5);

        Assert.Equal(OutcomeStatus.Empty, result.Contributors[2].Status);
        Assert.Null(result.Contributors[2].Message);
    }

    [Fact]
    public async Task Vizier_reporting_an_error_fails_with_its_words()
    {
        ArchivesAnswer();
        _archive.Route("viz-bin/votable", FakeResponse.VoTable(
            "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><INFO ID=\"Error\" name=\"Error\" value=\"Incorrect -ucd constraint\"/></VOTABLE>"));
        await using var host = Host();

        var result = await host.SearchAsync(5);

        Assert.Equal(OutcomeStatus.Failed, result.Contributors[2].Status);
        Assert.Contains("Incorrect -ucd constraint", result.Contributors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_table_without_a_redshift_column_fails_with_a_specific_message()
    {
        ArchivesAnswer();
        _archive.Route("plain/sync", FakeResponse.VoTable(
            "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>" +
            "<FIELD name=\"ra\" datatype=\"double\"/><FIELD name=\"dec\" datatype=\"double\"/><FIELD name=\"gmag\" datatype=\"float\" ucd=\"phot.mag\"/>" +
            "<DATA><TABLEDATA><TR><TD>334.02</TD><TD>-7.8988</TD><TD>20.1</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"));
        var plain = new SourceDefinition { Id = "plain", Title = "Plain", Kind = "redshifts", Protocol = "tap", Endpoint = _archive.Url("plain").AbsoluteUri, Table = "cat.main" };
        await using var host = Host(plain);

        var result = await host.SearchAsync(5);

        var outcome = Assert.Single(result.Contributors, o => o.Source.Id == "plain");
        Assert.Equal(OutcomeStatus.Failed, outcome.Status);
        Assert.Equal(SourceFailureKind.Format, outcome.Failure);
        Assert.StartsWith("Plain: the answer has no redshift column", outcome.Message, StringComparison.Ordinal);
    }
}
