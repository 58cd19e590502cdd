using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Das.Engine;
using Das.Engine.Access;
using Das.Engine.CrossMatch;
using Das.Engine.Execution;
using Das.Engine.Sources;
using Das.Sky.CrossMatch;
using Das.Sources.Catalog;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Testing;
using Das.Vo.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Das.Sources.Tests.Protocols;

/// <summary>
/// A VizieR (ASU) source cross-matches a list on CDS's side through TAPVizieR: a TAP 1.1 sync POST with
/// UPLOAD=das_upload,param:das_upload and the list as a VOTable part. The fake TAPVizieR on loopback reads the
/// multipart body and the uploaded VOTable as the real service would, joins the upload with its own copy of a 2MASS
/// table by the CIRCLE radius in the ADQL, and answers the joined table (das_row, das_dist_deg, then the columns).
/// </summary>
public sealed class VizierUploadMatchTests : IAsyncLifetime
{
    private const string TapPath = "TAPVizieR/tap/sync";
    private const string AsuPath = "viz-bin/votable";
    private const string XMatchPath = "xmatch/api/v1/sync";

    private static readonly Regex Circle = new(@"CIRCLE\('ICRS', u\.das_ra, u\.das_dec, ([0-9.eE+-]+)\)", RegexOptions.CultureInvariant);

    private readonly ServiceProvider _services = new ServiceCollection().AddDasEngine().AddDasSources(userAgent: DasUserAgent.Test).BuildServiceProvider();
    private FakeVoServer _server = null!;
    private FakeVoServer _mirror = null!;
    private readonly List<string> _problems = [];
    private (double Ra, double Dec, string Id, double J)[] _twoMass = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeVoServer.StartAsync(Ct);
        _mirror = await FakeVoServer.StartAsync(Ct);
        _server.Route(TapPath, TapVizier);
        _server.Route(XMatchPath, CdsXMatch);
        _mirror.Route(TapPath, FakeResponse.WithStatus(500, "the mirror must not be asked"));
    }

    // 400 list positions over the whole sky; every other one has a 2MASS source 0.5″ north of it, every fifth one a
    // second source 1.5″ east, and there are 2000 unrelated sources.
    private Table List()
    {
        var rng = new Random(11);
        var ra = new ScalarColumn<double>(new Field { Name = "ra", DataType = VoDataType.Double, Ucd = "pos.eq.ra;meta.main", Unit = "deg" });
        var dec = new ScalarColumn<double>(new Field { Name = "dec", DataType = VoDataType.Double, Ucd = "pos.eq.dec;meta.main", Unit = "deg" });
        var name = new StringColumn(new Field { Name = "name", DataType = VoDataType.Char, ArraySize = ArraySize.Variable });
        var twoMass = new List<(double, double, string, double)>();
        for (int i = 0; i < 400; i++)
        {
            double r = rng.NextDouble() * 360, d = (Math.Asin((2 * rng.NextDouble()) - 1) * 180 / Math.PI * 0.95);
            ra.Append(r);
            dec.Append(d);
            name.Append("src" + i.ToString(CultureInfo.InvariantCulture));
            if (i % 2 == 0)
            {
                twoMass.Add((r, d + (0.5 / 3600), $"J{i:00000}N", 12.0 + (i % 7)));
            }
            if (i % 5 == 0)
            {
                twoMass.Add((r + (1.5 / 3600 / Math.Cos(d * Math.PI / 180)), d, $"J{i:00000}E", 14.0));
            }
        }
        for (int k = 0; k < 2000; k++)
        {
            twoMass.Add((rng.NextDouble() * 360, (rng.NextDouble() * 170) - 85, $"X{k:00000}", 15.5));
        }
        _twoMass = [.. twoMass];
        return new Table([ra, dec, name]) { Name = "frb" };
    }

    private IDataSource Source(bool withMirror = false, bool xmatch = false) => _services.GetRequiredService<SourceCatalogLoader>().Build([new SourceDefinition
    {
        Id = "vizier-2mass", Title = "2MASS (VizieR II/246)", Kind = "catalogue", Protocol = "vizier",
        Endpoint = _server.Url(AsuPath).AbsoluteUri, Mirrors = withMirror ? [_mirror.BaseUri.AbsoluteUri] : [],
        Table = "II/246/out", Columns = ["2MASS", "RAJ2000", "DEJ2000", "Jmag"], MaxRows = 2000, BudgetSeconds = 30,
        Parameters = xmatch
            ? new Dictionary<string, string> { ["remoteMatch"] = "xmatch", ["xmatchEndpoint"] = _server.Url(XMatchPath).AbsoluteUri }
            : new Dictionary<string, string> { ["tapEndpoint"] = _server.Url("TAPVizieR/tap").AbsoluteUri },
    }], "test").Sources[0];

    private async Task<CatalogueMatchOutcome> MatchAsync(Table list, IDataSource source, CatalogueMatchRequest request)
    {
        var outcomes = new List<CatalogueMatchOutcome>();
        await foreach (var o in _services.GetRequiredService<CatalogueCrossMatch>().RunAsync(list, [source], request, AccessContext.Anonymous, Ct))
        {
            outcomes.Add(o);
        }
        return Assert.Single(outcomes);
    }

    [Fact]
    public async Task A_list_over_the_whole_sky_is_matched_by_TAPVizieR_with_the_exact_ADQL_kept()
    {
        var list = List();

        var outcome = await MatchAsync(list, Source(), new CatalogueMatchRequest { RadiusArcsec = 1.0, Mode = CrossMatchMode.All });

        Assert.Empty(_problems);
        Assert.Equal(OutcomeStatus.Ok, outcome.Status);
        Assert.Equal("remote", outcome.Method);
        Assert.Equal(200, outcome.Pairs); // the 0.5″ counterparts; the 1.5″ ones are outside 1″
        Assert.All(Enumerable.Range(0, outcome.Joined!.RowCount), r =>
            Assert.EndsWith("N", (string)outcome.Joined.FindColumn("2MASS")!.GetValue(r)!, StringComparison.Ordinal));
        var sent = Assert.Single(outcome.Provenance);
        // The table id and 2MASS (a leading digit) are delimited identifiers; the ADQL is kept as sent.
        Assert.Contains("\nSELECT TOP 1000000 u.das_row, DISTANCE(POINT('ICRS', t.RAJ2000, t.DEJ2000), POINT('ICRS', u.das_ra, u.das_dec)) AS das_dist_deg, " +
            "t.\"2MASS\", t.RAJ2000, t.DEJ2000, t.Jmag FROM TAP_UPLOAD.das_upload AS u JOIN \"II/246/out\" AS t " +
            "ON 1 = CONTAINS(POINT('ICRS', t.RAJ2000, t.DEJ2000), CIRCLE('ICRS', u.das_ra, u.das_dec, 0.0002777777777777778))", sent, StringComparison.Ordinal);
        Assert.Contains(outcome.Notes, n => n.StartsWith("Matched on the archive (TAP upload of 400 positions)", StringComparison.Ordinal));
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/" + TapPath, request.Path);
    }

    [Fact]
    public async Task Best_keeps_the_nearest_of_two_counterparts_within_the_radius()
    {
        var list = List();

        var outcome = await MatchAsync(list, Source(), new CatalogueMatchRequest { RadiusArcsec = 2.0, Mode = CrossMatchMode.Best, Place = MatchPlace.Remote });

        Assert.Empty(_problems);
        Assert.Equal("remote", outcome.Method);
        // Every even row has its 0.5″ source; odd multiples of 5 have only the 1.5″ one.
        Assert.Equal(200 + 40, outcome.Pairs);
        var joined = outcome.Joined!;
        var names = joined.FindColumn("name")!;
        var ids = joined.FindColumn("2MASS")!;
        for (int r = 0; r < joined.RowCount; r++)
        {
            int row = int.Parse(((string)names.GetValue(r)!)[3..], CultureInfo.InvariantCulture);
            Assert.Equal(row % 2 == 0 ? "N" : "E", ((string)ids.GetValue(r)!)[^1..]);
        }
    }

    [Fact]
    public async Task The_upload_goes_to_TAPVizieR_never_to_the_ASU_sources_mirrors()
    {
        var list = List();
        _server.Route(TapPath, _ => FakeResponse.WithStatus(503, "busy"));

        var outcome = await MatchAsync(list, Source(withMirror: true), new CatalogueMatchRequest { RadiusArcsec = 1.0, Place = MatchPlace.Remote });

        Assert.NotEqual(OutcomeStatus.Ok, outcome.Status);
        Assert.Empty(_mirror.Requests);
        Assert.NotEmpty(_server.Requests);
    }

    [Fact]
    public void A_tapEndpoint_that_is_not_an_http_URL_is_a_catalogue_problem()
    {
        var problem = Assert.Throws<SourceCatalogException>(() => _services.GetRequiredService<SourceCatalogLoader>().Build([new SourceDefinition
        {
            Id = "vizier-x", Title = "x", Kind = "catalogue", Protocol = "vizier", Endpoint = "https://vizier.example/viz-bin/votable",
            Table = "II/246/out", Parameters = new Dictionary<string, string> { ["tapEndpoint"] = "ftp://tap.example/tap" },
        }], "test"));

        Assert.Contains("parameter 'tapEndpoint' = 'ftp://tap.example/tap' must be an absolute http(s) URL", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CrossMatchMode.All, 1.0, 200)]
    [InlineData(CrossMatchMode.Best, 2.0, 240)]
    public async Task With_remoteMatch_xmatch_the_CDS_XMatch_service_matches_and_its_angDist_is_dropped(CrossMatchMode mode, double radius, int pairs)
    {
        var list = List();

        var outcome = await MatchAsync(list, Source(xmatch: true), new CatalogueMatchRequest { RadiusArcsec = radius, Mode = mode });

        Assert.Empty(_problems);
        Assert.Equal(OutcomeStatus.Ok, outcome.Status);
        Assert.Equal("remote", outcome.Method);
        Assert.Equal(pairs, outcome.Pairs);
        Assert.Null(outcome.Joined!.FindColumn("angDist"));
        Assert.NotNull(outcome.Joined.FindColumn("Jmag"));
        var sent = Assert.Single(outcome.Provenance);
        Assert.StartsWith("POST " + _server.Url(XMatchPath).AbsoluteUri + "?REQUEST=xmatch&distMaxArcsec=" + radius.ToString("R", CultureInfo.InvariantCulture) +
            "&selection=all&RESPONSEFORMAT=votable&colRA1=das_ra&colDec1=das_dec&cat2=vizier", sent, StringComparison.Ordinal);
        Assert.Equal("/" + XMatchPath, Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public async Task The_CDS_XMatch_service_refuses_a_radius_beyond_180_arcsec_before_anything_is_sent()
    {
        var outcome = await MatchAsync(List(), Source(xmatch: true), new CatalogueMatchRequest { RadiusArcsec = 200, Place = MatchPlace.Remote });

        Assert.Equal(OutcomeStatus.Failed, outcome.Status);
        Assert.Contains("at most 180 arcsec", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    // The fake CDS XMatch: the documented multipart form (REQUEST=xmatch, distMaxArcsec, RESPONSEFORMAT, cat1 as a
    // file with colRA1/colDec1, cat2=vizier:ID), answered with angDist (arcsec), the uploaded columns and the table's.
    private FakeResponse CdsXMatch(RecordedRequest request)
    {
        try
        {
            var form = ReadMultipart(request);
            Expect(form.GetValueOrDefault("REQUEST") == "xmatch", "REQUEST=xmatch");
            Expect(form.GetValueOrDefault("RESPONSEFORMAT") == "votable", "RESPONSEFORMAT=votable");
            Expect(form.GetValueOrDefault("selection") == "all", "selection=all");
            Expect(form.GetValueOrDefault("cat2") == "vizier:II/246/out", "cat2=vizier:II/246/out");
            Expect(form.GetValueOrDefault("colRA1") == "das_ra" && form.GetValueOrDefault("colDec1") == "das_dec", "colRA1/colDec1");
            double radiusArcsec = double.Parse(form.GetValueOrDefault("distMaxArcsec") ?? "x", NumberStyles.Float, CultureInfo.InvariantCulture);
            var upload = VoTableReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(form.GetValueOrDefault("cat1") ?? "")), null, Ct).GetAwaiter().GetResult();
            var table = upload.Document?.AllTables().FirstOrDefault();
            Expect(table?.FindColumn("das_ra") is not null, "cat1 as a VOTable with das_ra, das_dec");
            var rows = new StringBuilder();
            for (int u = 0; u < table!.RowCount; u++)
            {
                double ura = Convert.ToDouble(table.FindColumn("das_ra")!.GetValue(u), CultureInfo.InvariantCulture);
                double udec = Convert.ToDouble(table.FindColumn("das_dec")!.GetValue(u), CultureInfo.InvariantCulture);
                foreach (var s in _twoMass)
                {
                    double d = Distance(ura, udec, s.Ra, s.Dec) * 3600;
                    if (d <= radiusArcsec)
                    {
                        rows.Append(CultureInfo.InvariantCulture,
                            $"<TR><TD>{d:R}</TD><TD>{table.FindColumn("das_row")!.GetValue(u)}</TD><TD>{ura:R}</TD><TD>{udec:R}</TD><TD>{s.Id}</TD><TD>{s.Ra:R}</TD><TD>{s.Dec:R}</TD><TD>{s.J:R}</TD></TR>");
                    }
                }
            }
            return FakeResponse.VoTable($"""
                <?xml version="1.0" encoding="UTF-8"?>
                <VOTABLE version="1.2" xmlns="http://www.ivoa.net/xml/VOTable/v1.2">
                <RESOURCE type="results">
                <TABLE>
                <FIELD name="angDist" datatype="double" unit="arcsec"/>
                <FIELD name="das_row" datatype="int"/>
                <FIELD name="das_ra" datatype="double" unit="deg"/>
                <FIELD name="das_dec" datatype="double" unit="deg"/>
                <FIELD name="2MASS" datatype="char" arraysize="*"/>
                <FIELD name="RAJ2000" datatype="double" unit="deg"/>
                <FIELD name="DEJ2000" datatype="double" unit="deg"/>
                <FIELD name="Jmag" datatype="double" unit="mag"/>
                <DATA><TABLEDATA>{rows}</TABLEDATA></DATA>
                </TABLE>
                </RESOURCE>
                </VOTABLE>
                """);
        }
        catch (InvalidOperationException ex)
        {
            return FakeResponse.WithStatus(400, ex.Message);
        }
    }

    // The fake TAPVizieR: a TAP 1.1 sync query with an upload, answered with the real join of the uploaded VOTable
    // and this table; anything unexpected is recorded and answered as a TAP error.
    private FakeResponse TapVizier(RecordedRequest request)
    {
        try
        {
            var form = ReadMultipart(request);
            Expect(form.GetValueOrDefault("REQUEST") == "doQuery", "REQUEST=doQuery");
            Expect(form.GetValueOrDefault("LANG") == "ADQL", "LANG=ADQL");
            Expect(form.GetValueOrDefault("UPLOAD") == "das_upload,param:das_upload", "UPLOAD=das_upload,param:das_upload");
            string adql = form.GetValueOrDefault("QUERY") ?? "";
            Expect(adql.Contains("FROM TAP_UPLOAD.das_upload AS u JOIN \"II/246/out\" AS t", StringComparison.Ordinal), "the join on the quoted table id");
            var circle = Circle.Match(adql);
            Expect(circle.Success, "a CIRCLE on the upload's positions");
            double radius = double.Parse(circle.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            var upload = VoTableReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(form.GetValueOrDefault("das_upload") ?? "")), null, Ct).GetAwaiter().GetResult();
            var table = upload.Document?.AllTables().FirstOrDefault();
            Expect(table is not null && table.FindColumn("das_row") is not null && table.FindColumn("das_ra") is not null, "an uploaded VOTable with das_row, das_ra, das_dec");
            return FakeResponse.VoTable(Joined(table!, radius));
        }
        catch (InvalidOperationException ex)
        {
            return FakeResponse.VoTable($"""<?xml version="1.0"?><VOTABLE version="1.4"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">{ex.Message}</INFO></RESOURCE></VOTABLE>""");
        }
    }

    private void Expect(bool condition, string what)
    {
        if (!condition)
        {
            _problems.Add(what);
            throw new InvalidOperationException("expected " + what);
        }
    }

    private string Joined(Table upload, double radiusDeg)
    {
        var rows = new StringBuilder();
        var row = upload.FindColumn("das_row")!;
        var ra = upload.FindColumn("das_ra")!;
        var dec = upload.FindColumn("das_dec")!;
        for (int u = 0; u < upload.RowCount; u++)
        {
            double ura = Convert.ToDouble(ra.GetValue(u), CultureInfo.InvariantCulture), udec = Convert.ToDouble(dec.GetValue(u), CultureInfo.InvariantCulture);
            foreach (var s in _twoMass)
            {
                double d = Distance(ura, udec, s.Ra, s.Dec);
                if (d <= radiusDeg)
                {
                    rows.Append(CultureInfo.InvariantCulture, $"<TR><TD>{row.GetValue(u)}</TD><TD>{d:R}</TD><TD>{s.Id}</TD><TD>{s.Ra:R}</TD><TD>{s.Dec:R}</TD><TD>{s.J:R}</TD></TR>");
                }
            }
        }
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
            <RESOURCE type="results">
            <INFO name="QUERY_STATUS" value="OK"/>
            <TABLE name="II/246/out">
            <FIELD name="das_row" datatype="int"/>
            <FIELD name="das_dist_deg" datatype="double" unit="deg"/>
            <FIELD name="2MASS" datatype="char" arraysize="17" ucd="meta.id;meta.main"/>
            <FIELD name="RAJ2000" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main"/>
            <FIELD name="DEJ2000" datatype="double" unit="deg" ucd="pos.eq.dec;meta.main"/>
            <FIELD name="Jmag" datatype="float" unit="mag" ucd="phot.mag;em.IR.J"/>
            <DATA><TABLEDATA>{rows}</TABLEDATA></DATA>
            </TABLE>
            </RESOURCE>
            </VOTABLE>
            """;
    }

    private static double Distance(double ra1, double dec1, double ra2, double dec2)
    {
        const double rad = Math.PI / 180;
        double s = Math.Pow(Math.Sin((dec2 - dec1) * rad / 2), 2) + (Math.Cos(dec1 * rad) * Math.Cos(dec2 * rad) * Math.Pow(Math.Sin((ra2 - ra1) * rad / 2), 2));
        return 2 * Math.Asin(Math.Sqrt(s)) / rad;
    }

    private static Dictionary<string, string> ReadMultipart(RecordedRequest request)
    {
        var type = MediaTypeHeaderValue.Parse(request.ContentType);
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value ?? throw new InvalidOperationException("expected a multipart body");
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadNextSectionAsync(Ct).GetAwaiter().GetResult() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var text = new StreamReader(section.Body, Encoding.UTF8);
            form[HeaderUtilities.RemoveQuotes(disposition.Name).Value!] = text.ReadToEnd();
        }
        return form;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _mirror.DisposeAsync();
        await _services.DisposeAsync();
    }
}
