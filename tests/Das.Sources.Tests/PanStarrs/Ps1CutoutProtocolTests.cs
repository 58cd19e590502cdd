using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Testing;

namespace Das.Sources.Tests.PanStarrs;

public sealed class Ps1CutoutProtocolTests : FakeArchiveTests
{
    private const string Path = "cgi-bin/ps1filenames.py";
    private const string File = "/rings.v3.skycell/1784/059/rings.v3.skycell.1784.059.stk.";
    private IDataSource _source = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _source = Source(maxRows: 50);
    }

    private IDataSource Source(long maxRows) => Harness.Build(new SourceDefinition
    {
        Id = "ps1-cutouts",
        Title = "PS1 images",
        Kind = "images",
        Protocol = "ps1-cutouts",
        Endpoint = Server.Url(Path).AbsoluteUri,
        MaxRows = maxRows,
        BudgetSeconds = 10,
    });

    private Task<SourceAnswer> AskAsync(IDataSource? source = null, double fovArcmin = 2)
    {
        source ??= _source;
        return source.FetchAsync(source.Plan(SourceHarness.Search(source, 334.02, -7.8988, fovArcmin)), Ct);
    }

    private static FakeResponse List(string fixture) => FakeResponse.Text(Fixture.Text("PanStarrs", fixture));

    private string Cutout(string query) => Server.Url("cgi-bin/fitscut.cgi").AbsoluteUri + "?" + query;

    [Fact]
    public async Task Each_filter_s_stack_becomes_a_FITS_cutout_plus_a_colour_JPEG()
    {
        Server.Route(Path, List("ps1filenames-grizy.txt"));

        var table = (await AskAsync()).Table;

        Assert.Equal("?ra=334.02&dec=-7.8988&filters=grizy", Assert.Single(Server.RequestsTo(Path)).QueryString);
        Assert.Equal(["g", "i", "r", "y", "z", "irg"], Strings(table, "band"));
        // 2 arcmin at 0.25 arcsec per pixel: 480 pixels.
        Assert.Equal(Cutout($"ra=334.02&dec=-7.8988&size=480&format=fits&red={File}g.unconv.fits"), Strings(table, "access_url")[0]);
        Assert.Equal(Cutout($"ra=334.02&dec=-7.8988&size=480&format=jpg&red={File}i.unconv.fits&green={File}r.unconv.fits&blue={File}g.unconv.fits"),
            Strings(table, "access_url")[5]);
        Assert.Equal(["image/fits", "image/fits", "image/fits", "image/fits", "image/fits", "image/jpeg"], Strings(table, "format"));
        Assert.Equal("rings.v3.skycell.1784.059.stk.g.unconv.fits", Strings(table, "image_name")[0]);
        Assert.Equal("access_url", table.FindColumnByUcd("meta.ref.url")!.Name);
        Assert.Equal("ra", table.FindColumnByUcd("pos.eq.ra")!.Name);
        Assert.Equal(480, ((ScalarColumn<int>)table.FindColumn("size_px")!)[0]);
        Assert.Equal(120.0, ((ScalarColumn<double>)table.FindColumn("size")!)[0]);
        Assert.Equal("arcsec", table.FindColumn("size")!.Field.Unit);
    }

    [Fact]
    public async Task The_cutout_size_follows_the_field_and_is_part_of_the_cache_key()
    {
        Server.Route(Path, List("ps1filenames-r-only.txt"));
        var two = _source.Plan(SourceHarness.Search(_source, 334.02, -7.8988, 2));
        var five = _source.Plan(SourceHarness.Search(_source, 334.02, -7.8988, 5));

        var table = (await _source.FetchAsync(five, Ct)).Table;

        Assert.Equal(two.Provenance, five.Provenance); // the same list is asked for
        Assert.NotEqual(two.CanonicalKey, five.CanonicalKey); // but the answers differ
        Assert.Equal(Cutout($"ra=334.02&dec=-7.8988&size=1200&format=fits&red={File}r.unconv.fits"), Assert.Single(Strings(table, "access_url")));
    }

    [Fact]
    public async Task Without_i_r_and_g_there_is_no_colour_image()
    {
        Server.Route(Path, List("ps1filenames-r-only.txt"));

        var table = (await AskAsync()).Table;

        Assert.Equal(["r"], Strings(table, "band"));
    }

    [Fact]
    public async Task A_position_outside_the_survey_has_no_image()
    {
        Server.Route(Path, List("ps1filenames-outside-survey.txt"));

        var table = (await AskAsync()).Table;

        Assert.Equal(0, table.RowCount);
        Assert.Equal("access_url", table.Columns[1].Name);
    }

    [Fact]
    public async Task More_images_than_maxRows_are_cut_and_said_so()
    {
        Server.Route(Path, List("ps1filenames-grizy.txt"));

        var table = (await AskAsync(Source(maxRows: 3))).Table;

        Assert.Equal(3, table.RowCount);
        Assert.Equal(TruncationReason.RowCap, table.Truncation?.Reason);
        Assert.Equal("the first 3 of 6 images are kept (maxRows)", table.Truncation?.Message);
    }

    [Fact]
    public async Task Text_without_filter_and_filename_columns_is_a_format_failure()
    {
        Server.Route(Path, List("ps1filenames-no-columns.txt"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Format, failure.Kind);
        Assert.Equal("the file list has no 'filter' and 'filename' columns; it begins: ERROR: ra and dec must be given in decimal degrees", failure.Message);
    }

    [Fact]
    public async Task A_line_shorter_than_the_header_is_a_format_failure()
    {
        Server.Route(Path, List("ps1filenames-ragged.txt"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal("line 2 of the file list has 8 fields where the header names 10", failure.Message);
    }

    [Fact]
    public async Task An_HTML_page_instead_of_the_list_is_a_format_failure_named_by_its_title()
    {
        Server.Route(Path, FakeResponse.Html("PS1 Image Access - Maintenance"));

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal("the service sent an HTML page instead of the PS1 file list: \"PS1 Image Access - Maintenance\"", failure.Message);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_transport_failure()
    {
        Server.Route(Path, FakeResponse.Reset());

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Transport, failure.Kind);
        Assert.True(failure.IsTransient);
    }

    private static List<string?> Strings(Table table, string column)
    {
        var c = (StringColumn)table.FindColumn(column)!;
        return [.. Enumerable.Range(0, table.RowCount).Select(c.GetString)];
    }
}
