using System.Globalization;
using System.Text;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Vo.Adql;
using Das.Vo.Answers;
using Das.Vo.Http;
using Das.Vo.Scs;
using Das.Vo.Sia;
using Das.Vo.Ssa;
using Das.Vo.Tap;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Vo.Tests.Integration;

/// <summary>Queries through every protocol against the DaCHS peer, checked against the values its README states.</summary>
[Trait("Category", "Integration")]
public sealed class DachsQueryTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private VoQueryClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly VoCallOptions Options = new() { Budget = TimeSpan.FromSeconds(120) };

    private static AdqlIdentifier Id(string s) => AdqlIdentifier.Parse(s);

    public ValueTask InitializeAsync()
    {
        _services = new ServiceCollection().AddDasVo(DasUserAgent.Test).BuildServiceProvider();
        _client = _services.GetRequiredService<VoQueryClient>();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Cone_search_finds_26_sources_within_36_arcsec_of_the_frb_host()
    {
        var request = new ScsQuery { Endpoint = DachsPeer.Url("synthcat/q/cone/scs.xml?"), RaDeg = 334.02, DecDeg = -7.8988, RadiusDeg = 0.01 }.BuildRequest();
        var answer = await _client.QueryAsync(request, Options, null, Ct);
        Assert.Equal(26, answer.Table.RowCount);
        Assert.NotNull(answer.Table.FindColumnByUcd("pos.eq.ra"));
    }

    [Fact]
    public async Task Tap_cone_for_all_columns_is_adql_that_dachs_parses()
    {
        var adql = AdqlCone.Build(Id("synthcat.main"), [], Id("ra"), Id("dec"), 334.02, -7.8988, 0.01, 100);
        var answer = await _client.QueryAsync(new TapQuery { BaseUrl = DachsPeer.Url("tap"), Adql = adql }.BuildSyncRequest(), Options, null, Ct);
        Assert.Equal(26, answer.Table.RowCount);
        Assert.NotNull(answer.Table.FindColumn("gmag_err"));
        Assert.NotNull(answer.Table.FindColumn(AdqlCone.DistanceColumn));
    }

    [Fact]
    public async Task Tap_sync_cone_finds_the_frb_host_galaxy_at_redshift_0_234()
    {
        var adql = AdqlCone.Build(Id("synthcat.main"), [Id("id"), Id("z"), Id("class")], Id("ra"), Id("dec"), 334.02, -7.8988, 0.001, 10);
        var answer = await _client.QueryAsync(new TapQuery { BaseUrl = DachsPeer.Url("tap"), Adql = adql }.BuildSyncRequest(), Options, null, Ct);
        var id = (ScalarColumn<long>)answer.Table.FindColumn("id")!;
        Assert.Equal(1, id[0]); // nearest first
        var z = answer.Table.FindColumn("z")!;
        Assert.Equal(0.234, Convert.ToDouble(z.GetValue(0), CultureInfo.InvariantCulture), 3);
        Assert.Equal("GALAXY", answer.Table.FindColumn("class")!.GetValue(0));
    }

    [Fact]
    public async Task Tap_sync_returns_all_50000_rows_of_the_dense_field()
    {
        var adql = AdqlCone.Build(Id("synthcat.main"), [Id("id")], Id("ra"), Id("dec"), 10.6847, 41.2687, 0.5, 100_000);
        var answer = await _client.QueryAsync(new TapQuery { BaseUrl = DachsPeer.Url("tap"), Adql = adql, MaxRecords = 100_000 }.BuildSyncRequest(), Options, null, Ct);
        Assert.Equal(50_000, answer.Table.RowCount);
        Assert.False(answer.IsTruncated);
    }

    [Fact]
    public async Task Tap_maxrec_below_the_match_count_is_reported_as_service_overflow()
    {
        var adql = AdqlCone.Build(Id("synthcat.main"), [Id("id")], Id("ra"), Id("dec"), 10.6847, 41.2687, 0.5, 100_000);
        var answer = await _client.QueryAsync(new TapQuery { BaseUrl = DachsPeer.Url("tap"), Adql = adql, MaxRecords = 5 }.BuildSyncRequest(), Options, null, Ct);
        Assert.Equal(5, answer.Table.RowCount);
        Assert.Equal(TruncationReason.ServiceOverflow, answer.Table.Truncation?.Reason);
    }

    [Fact]
    public async Task Tap_async_query_reads_the_same_rows_as_sync()
    {
        var adql = AdqlCone.Build(Id("synthcat.main"), [Id("id")], Id("ra"), Id("dec"), 334.02, -7.8988, 0.01, 1000);
        var answer = await _client.QueryAsyncJobAsync(new TapQuery { BaseUrl = DachsPeer.Url("tap"), Adql = adql }, Options, null, null, Ct);
        Assert.Equal(26, answer.Table.RowCount);
    }

    [Fact]
    public async Task Tap_upload_cross_match_finds_every_one_of_the_4500_spectroscopic_counterparts()
    {
        // Upload the spectroscopic positions, then join them to the main catalogue on the archive.
        var specz = await _client.QueryAsync(new TapQuery
        {
            BaseUrl = DachsPeer.Url("tap"),
            Adql = AdqlTemplate.Parse("SELECT specz_id, ra, dec, main_id FROM synthcat.specz").Render(new Dictionary<string, AdqlFragment>()),
            MaxRecords = 10_000,
        }.BuildSyncRequest(), Options, null, Ct);
        Assert.Equal(5000, specz.Table.RowCount);
        var upload = new StringBuilder("<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE><TABLE>" +
            "<FIELD name=\"sid\" datatype=\"long\"/><FIELD name=\"sra\" datatype=\"double\" unit=\"deg\"/><FIELD name=\"sdec\" datatype=\"double\" unit=\"deg\"/><FIELD name=\"mid\" datatype=\"long\"/><DATA><TABLEDATA>");
        var sid = specz.Table.FindColumn("specz_id")!;
        var ra = (ScalarColumn<double>)specz.Table.FindColumn("ra")!;
        var dec = (ScalarColumn<double>)specz.Table.FindColumn("dec")!;
        var mainId = specz.Table.FindColumn("main_id")!;
        for (int i = 0; i < specz.Table.RowCount; i++)
        {
            upload.Append(CultureInfo.InvariantCulture, $"<TR><TD>{sid.GetValue(i)}</TD><TD>{ra[i]:R}</TD><TD>{dec[i]:R}</TD><TD>{mainId.GetValue(i)}</TD></TR>");
        }
        upload.Append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>");
        var join = AdqlTemplate.Parse(
            // 30 of the 4 500 true pairs lie between 0.4" and 0.61" apart (the peer's README says "about 0.4"),
            // so the radius is 0.7" and the check is that each true counterpart is among the matches.
            "SELECT u.sid, u.mid, m.id, DISTANCE(POINT('ICRS', m.ra, m.dec), POINT('ICRS', u.sra, u.sdec)) * 3600 AS sep_arcsec " +
            "FROM synthcat.main AS m JOIN TAP_UPLOAD.specpos AS u " +
            "ON 1 = CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', u.sra, u.sdec, {radius}))")
            .Render(new Dictionary<string, AdqlFragment> { ["radius"] = AdqlLiteral.Number(0.7 / 3600) });
        var answer = await _client.QueryAsync(new TapQuery
        {
            BaseUrl = DachsPeer.Url("tap"),
            Adql = join,
            MaxRecords = 100_000,
            Uploads = [new VoUpload("specpos", Encoding.UTF8.GetBytes(upload.ToString()))],
        }.BuildSyncRequest(), Options, null, Ct);
        var matchedSid = answer.Table.FindColumn("sid")!;
        var matchedMid = answer.Table.FindColumn("mid")!;
        var matchedId = answer.Table.FindColumn("id")!;
        var found = Enumerable.Range(0, answer.Table.RowCount)
            .Where(i => !matchedMid.IsNull(i) && Equals(matchedMid.GetValue(i), matchedId.GetValue(i)))
            .Select(i => matchedSid.GetValue(i)).Distinct().Count();
        Assert.Equal(4500, found);
    }

    [Fact]
    public async Task Sia1_finds_the_three_images_of_each_band_at_the_frb_field()
    {
        var request = new Sia1Query { Endpoint = DachsPeer.Url("synthimg/q/i/siap.xml"), RaDeg = 334.02, DecDeg = -7.8988, SizeDeg = 0.1 }.BuildRequest();
        var answer = await _client.QueryAsync(request, Options, null, Ct);
        Assert.Equal(3, answer.Table.RowCount);
        Assert.NotNull(answer.Table.FindColumnByUcd("VOX:Image_AccessReference"));
    }

    [Fact]
    public async Task Sia2_over_obscore_finds_images_at_the_frb_field()
    {
        var request = new Sia2Query { Endpoint = DachsPeer.Url("__system__/siap2/sitewide/siap2.xml"), Region = new Sia2Region.Circle(334.02, -7.8988, 0.05) }.BuildRequest();
        var answer = await _client.QueryAsync(request, Options, null, Ct);
        Assert.True(answer.Table.RowCount >= 3, $"{answer.Table.RowCount} rows");
        Assert.NotNull(answer.Table.FindColumn("access_url"));
    }

    [Fact]
    public async Task Ssa_finds_the_frb_host_spectrum()
    {
        var request = new SsaQuery { Endpoint = DachsPeer.Url("synthspec/q/ssa/ssap.xml"), RaDeg = 334.02, DecDeg = -7.8988, SizeDeg = 0.01 }.BuildRequest();
        var answer = await _client.QueryAsync(request, Options, null, Ct);
        Assert.True(answer.Table.RowCount >= 1, $"{answer.Table.RowCount} rows");
    }
}
