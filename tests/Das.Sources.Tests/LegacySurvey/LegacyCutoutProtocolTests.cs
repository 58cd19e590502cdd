using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Tables.Columns;

namespace Das.Sources.Tests.LegacySurvey;

public sealed class LegacyCutoutProtocolTests : FakeArchiveTests
{
    private IDataSource Source(Dictionary<string, string>? parameters = null, double? radiusArcsec = null) => Harness.Build(new SourceDefinition
    {
        Id = "legacy-cutouts",
        Title = "Legacy Surveys cutouts",
        Kind = "images",
        Protocol = "legacy-cutouts",
        Endpoint = Server.Url("viewer").AbsoluteUri,
        Parameters = parameters ?? [],
        RadiusArcsec = radiusArcsec,
        BudgetSeconds = 5,
    });

    private static async Task<(SourceRequest Request, Das.Tables.Model.Table Table)> AskAsync(IDataSource source, double fovArcmin = 2, double ra = 334.02, double dec = -7.8988)
    {
        var request = source.Plan(SourceHarness.Search(source, ra, dec, fovArcmin));
        return (request, (await source.FetchAsync(request, Ct)).Table);
    }

    private string Viewer(string rest) => Server.Url("viewer/").AbsoluteUri + rest;

    private static List<string?> Strings(Das.Tables.Model.Table table, string column)
    {
        var c = (StringColumn)table.FindColumn(column)!;
        return [.. Enumerable.Range(0, table.RowCount).Select(c.GetString)];
    }

    [Fact]
    public async Task The_answer_is_the_FITS_and_JPEG_cutout_of_the_field_and_nothing_is_sent()
    {
        var (_, table) = await AskAsync(Source());

        Assert.Equal(
        [
            Viewer("fits-cutout?ra=334.02&dec=-7.8988&layer=ls-dr10&pixscale=0.262&size=459&bands=griz"),
            Viewer("jpeg-cutout?ra=334.02&dec=-7.8988&layer=ls-dr10&pixscale=0.262&size=459"),
        ], Strings(table, "access_url"));
        Assert.Equal(["griz", "colour"], Strings(table, "band"));
        Assert.Equal(["image/fits", "image/jpeg"], Strings(table, "format"));
        Assert.Equal("pos.eq.dec;meta.main", table.FindColumn("dec")!.Field.Ucd);
        Assert.Equal(-7.8988, ((ScalarColumn<double>)table.FindColumn("dec")!)[0]);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task A_field_wider_than_512_pixels_gets_a_coarser_scale_not_a_smaller_field()
    {
        // 10 arcmin at 0.262"/px would be 2291 px; the DR10 description caps cutouts at 512.
        var (_, table) = await AskAsync(Source(), fovArcmin: 10);

        Assert.Equal(Viewer("fits-cutout?ra=334.02&dec=-7.8988&layer=ls-dr10&pixscale=1.1719&size=512&bands=griz"), Strings(table, "access_url")[0]);
        Assert.Equal(600.0, ((ScalarColumn<double>)table.FindColumn("size")!)[0], 6);
    }

    [Fact]
    public async Task Settings_choose_the_layer_scale_and_bands()
    {
        var source = Source(new() { ["layer"] = "ls-dr9-north", ["pixscale"] = "0.5", ["bands"] = "grz" });

        var (_, table) = await AskAsync(source, ra: 160.252083, dec: 41.268611);

        Assert.Equal(Viewer("fits-cutout?ra=160.252083&dec=41.268611&layer=ls-dr9-north&pixscale=0.5&size=240&bands=grz"), Strings(table, "access_url")[0]);
    }

    [Fact]
    public async Task A_fixed_radius_sets_the_field_to_its_diameter()
    {
        var (_, table) = await AskAsync(Source(radiusArcsec: 30));

        Assert.Equal(Viewer("jpeg-cutout?ra=334.02&dec=-7.8988&layer=ls-dr10&pixscale=0.262&size=230"), Strings(table, "access_url")[1]);
    }

    [Fact]
    public void The_request_says_it_is_computed_and_its_key_holds_both_URLs()
    {
        var request = Source().Plan(SourceHarness.Search(Source(), 334.02, -7.8988));

        Assert.StartsWith("computed from the position, nothing is sent until an image is opened:\nGET ", request.Provenance, StringComparison.Ordinal);
        Assert.Contains("fits-cutout?", request.CanonicalKey, StringComparison.Ordinal);
        Assert.Contains("jpeg-cutout?", request.CanonicalKey, StringComparison.Ordinal);
    }
}
