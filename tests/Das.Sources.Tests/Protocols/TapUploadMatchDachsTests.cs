using System.Globalization;
using Das.Engine;
using Das.Engine.Access;
using Das.Engine.CrossMatch;
using Das.Engine.Execution;
using Das.Engine.Sources;
using Das.Sky.CrossMatch;
using Das.Sources.Catalog;
using Das.Tables.Model;
using Das.Vo.Adql;
using Das.Vo.Answers;
using Das.Vo.Http;
using Das.Vo.Tap;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Sources.Tests.Protocols;

/// <summary>
/// Cross-matches against the GAVO DaCHS peer (../shared/peers/dachs): synthcat.specz holds 4 500 copies of
/// synthcat.main rows moved by at most ~0.4″ (main_id names the original) and 500 orphans. Skipped, with the reason,
/// when DAS_DACHS_URL is not set (./test.sh sets it once the peer answers).
/// </summary>
public sealed class TapUploadMatchDachsTests : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddDasEngine()
        .AddDasSources(userAgent: DasUserAgent.Test)
        .BuildServiceProvider();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri Dachs
    {
        get
        {
            var url = Environment.GetEnvironmentVariable("DAS_DACHS_URL");
            if (string.IsNullOrWhiteSpace(url))
            {
                Assert.Skip("the DaCHS peer is not running (./test.sh starts it and sets DAS_DACHS_URL)");
            }
            var uri = new Uri(url.TrimEnd('/') + "/");
            Assert.True(uri.IsLoopback, "the DaCHS peer must be on loopback");
            return uri;
        }
    }

    private IDataSource Main(long maxRows = 5000) => _services.GetRequiredService<SourceCatalogLoader>().Build([new SourceDefinition
    {
        Id = "dachs-main", Title = "DaCHS synthcat", Kind = "catalogue", Protocol = "tap", Endpoint = new Uri(Dachs, "tap").AbsoluteUri,
        Table = "synthcat.main", Columns = ["id", "ra", "dec", "rmag", "z"], MaxRows = maxRows, BudgetSeconds = 120,
    }], "test").Sources[0];

    private async Task<Table> SpeczAsync(string where = "", string columns = "specz_id, ra, dec, main_id")
    {
        var client = _services.GetRequiredService<VoQueryClient>();
        var query = new TapQuery
        {
            BaseUrl = new Uri(Dachs, "tap"),
            Adql = AdqlTemplate.Parse("SELECT " + columns + " FROM synthcat.specz" + where).Render(new Dictionary<string, AdqlFragment>()),
            MaxRecords = 10_000,
        };
        var answer = await client.QueryAsync(query.BuildSyncRequest(), new VoCallOptions { Budget = TimeSpan.FromSeconds(60) }, null, Ct);
        return answer.Table;
    }

    private async Task<List<CatalogueMatchOutcome>> MatchAsync(Table list, IDataSource source, CatalogueMatchRequest request)
    {
        var outcomes = new List<CatalogueMatchOutcome>();
        await foreach (var o in _services.GetRequiredService<CatalogueCrossMatch>().RunAsync(list, [source], request, AccessContext.Anonymous, Ct))
        {
            outcomes.Add(o);
        }
        return outcomes;
    }

    // The peer's README says the largest offset is "about 0.4″"; its own join (specz.main_id = main.id) puts 30 of
    // the 4 500 counterparts beyond 0.4″, the farthest at 0.609″. So all 4 500 are found at 0.62″, and at 0.4″
    // exactly the counterparts the peer itself measures within 0.4″.
    [Fact]
    public async Task Specz_against_main_by_TAP_upload_finds_all_4500_counterparts_within_their_largest_offset()
    {
        var specz = await SpeczAsync();
        Assert.Equal(5000, specz.RowCount);

        var outcome = Assert.Single(await MatchAsync(specz, Main(), new CatalogueMatchRequest { RadiusArcsec = 0.62, Mode = CrossMatchMode.All }));

        Assert.Equal(OutcomeStatus.Ok, outcome.Status);
        Assert.Equal("remote", outcome.Method); // the list covers the whole sky: too wide for one cone
        Assert.Equal(4500, CounterpartPairs(outcome.Joined!));
        // Other sources fall within 0.62″ too (the dense field): every pair the peer's own positional join finds.
        var peer = await SpeczAsync(" AS s JOIN synthcat.main AS m ON 1 = CONTAINS(POINT('ICRS', s.ra, s.dec), CIRCLE('ICRS', m.ra, m.dec, 0.62 / 3600.0))",
            "COUNT(*) AS n");
        Assert.Equal(Convert.ToInt64(peer.Columns[0].GetValue(0), CultureInfo.InvariantCulture), outcome.Pairs);
        var sent = Assert.Single(outcome.Provenance);
        Assert.Contains("FROM TAP_UPLOAD.das_upload AS u JOIN synthcat.main AS t ON 1 = CONTAINS(POINT('ICRS', t.ra, t.dec), CIRCLE('ICRS', u.das_ra, u.das_dec,", sent, StringComparison.Ordinal);
        Assert.Contains("DISTANCE(", sent, StringComparison.Ordinal);
        Assert.Contains(outcome.Notes, n => n.StartsWith("Matched on the archive (TAP upload of 5000 positions)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_0_4_arcsec_the_upload_finds_exactly_the_counterparts_the_peer_measures_within_0_4_arcsec()
    {
        var specz = await SpeczAsync();
        var within = await SpeczAsync(" AS s JOIN synthcat.main AS m ON s.main_id = m.id WHERE DISTANCE(POINT('ICRS', s.ra, s.dec), POINT('ICRS', m.ra, m.dec)) <= 0.4 / 3600.0",
            "s.specz_id, s.ra, s.dec, s.main_id");

        var outcome = Assert.Single(await MatchAsync(specz, Main(), new CatalogueMatchRequest { RadiusArcsec = 0.4, Mode = CrossMatchMode.All }));

        Assert.Equal(within.RowCount, CounterpartPairs(outcome.Joined!));
        Assert.InRange(within.RowCount, 4400, 4499);
    }

    [Fact]
    public async Task A_compact_list_is_matched_by_Das_on_one_cone_with_the_same_pairs_as_the_upload()
    {
        var specz = await SpeczAsync(" WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 334.02, -7.8988, 0.05))");
        Assert.InRange(specz.RowCount, 5, 100);

        var local = Assert.Single(await MatchAsync(specz, Main(), new CatalogueMatchRequest { RadiusArcsec = 0.4, Mode = CrossMatchMode.All }));
        var remote = Assert.Single(await MatchAsync(specz, Main(), new CatalogueMatchRequest { RadiusArcsec = 0.4, Mode = CrossMatchMode.All, Place = MatchPlace.Remote }));

        Assert.Equal("local", local.Method);
        Assert.DoesNotContain("TAP_UPLOAD", Assert.Single(local.Provenance), StringComparison.Ordinal);
        Assert.Equal("remote", remote.Method);
        Assert.Equal(Pairs(remote.Joined!), Pairs(local.Joined!));
        Assert.Equal(specz.RowCount - Nulls(specz, "main_id"), local.MatchedRows);
    }

    [Fact]
    public async Task A_cone_cut_at_the_sources_row_limit_is_matched_on_the_archive_instead()
    {
        var specz = await SpeczAsync(" WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10.6847, 41.2687, 0.05))");

        var outcome = Assert.Single(await MatchAsync(specz, Main(maxRows: 20), new CatalogueMatchRequest { RadiusArcsec = 0.4 }));

        Assert.Equal(OutcomeStatus.Ok, outcome.Status);
        Assert.Equal("remote", outcome.Method);
        Assert.Equal(2, outcome.Provenance.Count);
        Assert.Contains(outcome.Notes, n => n.StartsWith("The cone answer was cut at 20 rows", StringComparison.Ordinal));
        Assert.Equal(specz.RowCount - Nulls(specz, "main_id"), outcome.Pairs);
    }

    private static int CounterpartPairs(Table joined)
    {
        var mainId = joined.FindColumn("main_id")!;
        var id = joined.FindColumn("id")!;
        return Enumerable.Range(0, joined.RowCount).Count(r => mainId.GetValue(r) is { } m &&
            Convert.ToInt64(m, CultureInfo.InvariantCulture) == Convert.ToInt64(id.GetValue(r), CultureInfo.InvariantCulture));
    }

    private static int Nulls(Table table, string column)
    {
        var c = table.FindColumn(column)!;
        return Enumerable.Range(0, table.RowCount).Count(r => c.GetValue(r) is null);
    }

    private static List<(string, string)> Pairs(Table joined)
    {
        var a = joined.FindColumn("specz_id")!;
        var b = joined.FindColumn("id")!;
        return [.. Enumerable.Range(0, joined.RowCount)
            .Select(r => (Convert.ToString(a.GetValue(r), CultureInfo.InvariantCulture)!, Convert.ToString(b.GetValue(r), CultureInfo.InvariantCulture)!))
            .Order()];
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
