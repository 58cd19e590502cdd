using System.Globalization;
using System.Security;
using System.Text.Json;
using System.Text.RegularExpressions;
using Das.Testing;
using Microsoft.Playwright;
using static Das.Browser.Tests.ArchiveAnswers;
using static Microsoft.Playwright.Assertions;

namespace Das.Browser.Tests;

/// <summary>
/// What the page offers once results are in: downloads of the whole query and of each table (checked by STILTS
/// votlint, astropy and openpyxl), FITS images overlaid on the sky, the survey selector, extra VizieR catalogues,
/// rows marked from the sky; every archive a fake on loopback.
/// </summary>
public sealed class ResultsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly Star[] FastStars =
    [
        new(1001, -20, 10, 14.25, "http://127.0.0.1:9/preview/1001.jpg"),
        new(1002, 15, -25, 16.5, "http://127.0.0.1:9/preview/1002.jpg"),
        new(1003, 30, 30, 18.75, "http://127.0.0.1:9/preview/1003.jpg"),
    ];

    private static readonly Star[] VizierStars =
    [
        new(3001, 40, -40, 11.0, "http://127.0.0.1:9/preview/3001.jpg"),
        new(3002, -45, 35, 12.0, "http://127.0.0.1:9/preview/3002.jpg"),
    ];

    private const string LongTitle = "A catalogue whose title is far longer than the sidebar is wide, as VizieR titles often are";

    private static readonly SourceEntry[] Sources =
    [
        new("fast", "Fast archive", "/fast/scs"),
        new("broken", "Broken archive", "/broken/scs"),
        new("img", "Image archive", "/img/sia2", Kind: "images", Protocol: "sia2"),
        new("vizier", "VizieR", "/vizier/viz-bin/votable", IsDefault: false, Protocol: "vizier", Table: "I/239/hip_main"),
        new("long", LongTitle, "/long/scs", IsDefault: false),
    ];

    private const string QueryString = "?RA=334.02&DEC=-7.8988&FOV=2&ERR=10";

    private DasServer _server = null!;
    private PageSession _session = null!;
    private string _downloads = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IPage Page => _session.Page;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Chromium.MissingReason is not null, Chromium.MissingReason ?? "");
        _server = await DasServer.StartAsync(Sources, Ct);
        _server.Archive.Route("/fast/scs", FakeResponse.VoTable(Cone(FastStars)));
        _server.Archive.Route("/broken/scs", FakeResponse.VoTable(QueryError("cone refused")));
        _server.Archive.Route("/img/sia2", FakeResponse.VoTable(ImageList(
            (_server.Archive.Url("files/field.fits").AbsoluteUri, "image/fits"),
            (_server.Archive.Url("files/preview.jpg").AbsoluteUri, "image/jpeg"))));
        _server.Archive.Route("/files/field.fits", new FakeResponse
        {
            Body = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "images", "field.fits"), Ct),
            ContentType = "application/fits",
        });
        _server.Archive.Route("/vizier/viz-bin/votable", FakeResponse.VoTable(Cone(VizierStars)));
        _server.Archive.Route("/long/scs", FakeResponse.VoTable(Cone(FastStars[0])));
        _downloads = Directory.CreateTempSubdirectory("das-downloads-").FullName;
        _session = await PageSession.OpenAsync(browser.Chromium);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_downloads is not null)
        {
            Directory.Delete(_downloads, recursive: true);
        }
    }

    /// <summary>An SIA 2 answer (ObsCore columns): one row per (access URL, format), centred on the test position.</summary>
    private static string ImageList(params (string Url, string Format)[] images) =>
        "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">" +
        "<INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE name=\"images\">" +
        "<FIELD name=\"obs_id\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.id\"/>" +
        "<FIELD name=\"s_ra\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.ra\"/><FIELD name=\"s_dec\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.dec\"/>" +
        "<FIELD name=\"access_url\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.ref.url\"/>" +
        "<FIELD name=\"access_format\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.code.mime\"/><DATA><TABLEDATA>" +
        string.Concat(images.Select((image, i) => string.Create(CultureInfo.InvariantCulture,
            $"<TR><TD>image-{i}</TD><TD>{Ra}</TD><TD>{Dec}</TD><TD>{SecurityElement.Escape(image.Url)}</TD><TD>{image.Format}</TD></TR>"))) +
        "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    private ILocator StatusLine(string id) => Page.Locator($"#status-list li[data-source='{id}']");

    private ILocator TablePanel(string id) => Page.Locator($".table-panel[data-source='{id}']");

    private async Task WaitForQueryEndAsync() =>
        await Expect(Page.Locator("body")).ToHaveAttributeAsync("data-query", new Regex("^(done|failed)$"), new() { Timeout = 30_000 });

    private async Task<string> DownloadAsync(ILocator link, string name)
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = Path.Combine(_downloads, name);
        await download.SaveAsAsync(path);
        return path;
    }

    private static string[] Names(JsonElement list, string property) => [.. list.EnumerateArray().Select(e => e.GetProperty(property).GetString() ?? "")];

    [Fact]
    public async Task Every_download_of_the_query_and_of_a_table_is_a_valid_file_and_asks_no_archive_again()
    {
        await Page.GotoAsync(_server.Url(QueryString));
        await WaitForQueryEndAsync();
        int asked = _server.Archive.Requests.Count;
        var whole = Page.Locator("#query-downloads a.query-export");
        await Expect(whole).ToHaveCountAsync(4);

        var vot = await DownloadAsync(whole.Locator("xpath=self::*[@data-format='votable']"), "query.vot");
        await Tools.AssertVotlintSilentAsync(vot);
        var votTables = (await Tools.ReadDownloadAsync("votable", vot)).GetProperty("tables");
        Assert.Equal(["fast", "img"], Names(votTables, "resource"));
        Assert.Equal([3, 2], votTables.EnumerateArray().Select(t => t.GetProperty("rows").GetInt32()));

        var xlsx = await DownloadAsync(whole.Locator("xpath=self::*[@data-format='xlsx']"), "query.xlsx");
        var sheets = (await Tools.ReadDownloadAsync("xlsx", xlsx)).GetProperty("sheets");
        Assert.Equal(["fast", "img", "sources", "metadata"], Names(sheets, "name"));
        Assert.Equal(4, sheets[0].GetProperty("rows").GetInt32()); // the header row and three stars

        var zip = await DownloadAsync(whole.Locator("xpath=self::*[@data-format='csv']"), "query.zip");
        var files = (await Tools.ReadDownloadAsync("csv", zip)).GetProperty("files");
        Assert.Equal(["fast.csv", "img.csv", "outcomes.csv"], Names(files, "file"));
        Assert.Equal([3, 2, 3], files.EnumerateArray().Select(f => f.GetProperty("rows").GetInt32()));

        var json = await DownloadAsync(whole.Locator("xpath=self::*[@data-format='json']"), "query.json");
        var outcomes = (await Tools.ReadDownloadAsync("json", json)).GetProperty("outcomes");
        Assert.Equal(["fast:Ok:3", "broken:Failed:0", "img:Ok:2"],
            outcomes.EnumerateArray().Select(o => $"{o.GetProperty("source").GetString()}:{o.GetProperty("status").GetString()}:{o.GetProperty("rows").GetInt32()}"));

        // One source's table, in each format.
        await Page.Locator("#table-tabs .tab[data-source=fast]").ClickAsync();
        var table = TablePanel("fast");
        var oneVot = await DownloadAsync(table.Locator("a.export[data-format=votable]"), "fast.vot");
        await Tools.AssertVotlintSilentAsync(oneVot);
        Assert.Equal(3, (await Tools.ReadDownloadAsync("votable", oneVot)).GetProperty("tables")[0].GetProperty("rows").GetInt32());
        var oneCsv = await DownloadAsync(table.Locator("a.export[data-format=csv]"), "fast.csv");
        var csvFile = (await Tools.ReadDownloadAsync("csv", oneCsv)).GetProperty("files")[0];
        Assert.Equal(3, csvFile.GetProperty("rows").GetInt32());
        Assert.Equal(["id", "ra", "dec", "gmag", "preview"], csvFile.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var oneXlsx = await DownloadAsync(table.Locator("a.export[data-format=xlsx]"), "fast.xlsx");
        Assert.Equal(4, (await Tools.ReadDownloadAsync("xlsx", oneXlsx)).GetProperty("sheets")[0].GetProperty("rows").GetInt32());
        var oneJson = await DownloadAsync(table.Locator("a.export[data-format=json]"), "fast.json");
        Assert.Equal(3, (await Tools.ReadDownloadAsync("json", oneJson)).GetProperty("rows").GetInt32());

        // Nothing is cached here (cacheHours 0), and the failing archive never is: every file came from what the query got.
        Assert.Equal(asked, _server.Archive.Requests.Count);
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task A_fits_image_from_an_image_list_is_overlaid_on_the_sky_with_an_opacity_slider()
    {
        await Page.GotoAsync(_server.Url(QueryString));
        await WaitForQueryEndAsync();
        await Page.Locator("#table-tabs .tab[data-source=img]").ClickAsync();
        // The FITS row has an overlay button; the JPEG row has none.
        var buttons = TablePanel("img").Locator("button.overlay-button");
        await Expect(buttons).ToHaveCountAsync(1);
        await buttons.ClickAsync();
        await Expect(Page.Locator("#sky")).ToHaveAttributeAsync("data-overlay", "shown", new() { Timeout = 30_000 });
        await Expect(Page.Locator("#image-overlay .overlay-name")).ToHaveTextAsync("field.fits");
        // The browser fetched the image from Das, which fetched it from the archive: the page never left 127.0.0.1's Das.
        Assert.Contains(_session.Requests, url => url.Contains("/api/image?url=", StringComparison.Ordinal));
        Assert.DoesNotContain(_session.Requests, url => url.Contains("/files/field.fits", StringComparison.Ordinal) && !url.Contains("/api/image", StringComparison.Ordinal));
        Assert.Single(_server.Archive.RequestsTo("/files/field.fits"));
        Assert.Equal(0.7, await Page.EvaluateAsync<double>("() => window.das.imageOpacity()"), 2);
        await Page.Locator("#overlay-opacity").EvaluateAsync("slider => { slider.value = '0.3'; slider.dispatchEvent(new Event('input', { bubbles: true })); }");
        await Expect(Page.Locator("#sky")).ToHaveAttributeAsync("data-overlay-opacity", "0.30");
        Assert.Equal(0.3, await Page.EvaluateAsync<double>("() => window.das.imageOpacity()"), 2);
        await _session.ScreenshotAsync("fits-overlay");
        await Page.Locator("#overlay-remove").ClickAsync();
        await Expect(Page.Locator("#sky")).Not.ToHaveAttributeAsync("data-overlay", new Regex("."));
        await Expect(Page.Locator("#image-overlay")).ToBeHiddenAsync();
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task The_survey_selector_offers_the_surveys_served_here_and_switches_the_sky()
    {
        await Page.GotoAsync(_server.Url(QueryString));
        await WaitForQueryEndAsync();
        var options = Page.Locator("#survey option");
        // "absent-hips/" is configured but not served: it is not offered.
        await Expect(options).ToHaveTextAsync(["Local test HiPS", "Copy of the test HiPS"]);
        Assert.DoesNotContain(_session.Requests, url => url.Contains("/hips-copy/", StringComparison.Ordinal));
        await Page.Locator("#survey").SelectOptionAsync("copy");
        await Expect(Page.Locator("#sky")).ToHaveAttributeAsync("data-survey", "copy");
        for (int i = 0; i < 100 && !_session.Requests.Any(url => url.Contains("/hips-copy/", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100, Ct);
        }
        Assert.Contains(_session.Requests, url => url.Contains("/hips-copy/", StringComparison.Ordinal));
        Assert.DoesNotContain(_session.Requests, url => url.Contains("absent-hips", StringComparison.Ordinal));
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task An_extra_vizier_catalogue_joins_the_query_after_it_ran()
    {
        await Page.GotoAsync(_server.Url(QueryString));
        await WaitForQueryEndAsync();
        int before = _server.Archive.Requests.Count;
        await Page.FillAsync("#add-viz", "II/246");
        await Page.ClickAsync("#add-viz-button");
        var line = StatusLine("vizier:ii/246");
        await Expect(line).ToHaveAttributeAsync("data-status", "Ok");
        await Expect(line.Locator(".rows")).ToHaveTextAsync("2 rows");
        await Expect(Page.Locator("#table-tabs .tab[data-source='vizier:ii/246'] .count")).ToHaveTextAsync("2");
        // Only VizieR was asked, for that catalogue, at the query's place; the others kept their lines.
        var asked = _server.Archive.Requests.Skip(before).ToList();
        Assert.Single(asked);
        Assert.Contains("-source=II/246", Uri.UnescapeDataString(asked[0].QueryString), StringComparison.Ordinal);
        await Expect(StatusLine("fast")).ToHaveAttributeAsync("data-status", "Ok");
        await Expect(Page.Locator("#status-list li.source")).ToHaveCountAsync(4);
        // The link now asks it too, and so do the downloads, which still ask no archive again.
        Assert.EndsWith("&VIZ=II/246", new Uri(Page.Url).Query, StringComparison.Ordinal);
        await Expect(Page.Locator("#f-viz")).ToHaveValueAsync("II/246");
        var vot = await DownloadAsync(Page.Locator("#query-downloads a.query-export[data-format=votable]"), "with-vizier.vot");
        Assert.Equal(["fast", "img", "vizier:ii/246"], Names((await Tools.ReadDownloadAsync("votable", vot)).GetProperty("tables"), "resource"));
        await Page.Locator("#table-tabs .tab[data-source='vizier:ii/246']").ClickAsync();
        var csv = await DownloadAsync(TablePanel("vizier:ii/246").Locator("a.export[data-format=csv]"), "vizier.csv");
        Assert.Equal(2, (await Tools.ReadDownloadAsync("csv", csv)).GetProperty("files")[0].GetProperty("rows").GetInt32());
        Assert.Equal(before + 1, _server.Archive.Requests.Count);
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task Hovering_an_object_on_the_sky_marks_its_row()
    {
        await Page.GotoAsync(_server.Url(QueryString));
        await WaitForQueryEndAsync();
        await Expect(Page.Locator("#sky")).ToHaveAttributeAsync("data-target", "334.020000 -7.898800");
        await Page.Locator("#table-tabs .tab[data-source=img]").ClickAsync();
        var star = FastStars[2];
        var xy = await Page.EvaluateAsync<double[]?>("([ra, dec]) => window.das.pixelOf(ra, dec)", new[] { star.RaDeg, star.DecDeg });
        Assert.NotNull(xy);
        var box = await Page.Locator("#sky").BoundingBoxAsync();
        Assert.NotNull(box);
        await Page.Mouse.MoveAsync((float)(box.X + xy[0] + 30), (float)(box.Y + xy[1] + 30));
        await Page.Mouse.MoveAsync((float)(box.X + xy[0]), (float)(box.Y + xy[1]), new() { Steps = 5 });
        // Another tab is shown: hovering marks the source's tab and never switches tabs under the mouse.
        var tab = Page.Locator("#table-tabs .tab[data-source=fast]");
        await Expect(tab).ToHaveClassAsync(new Regex(@"\bsky-hover\b"));
        await Expect(TablePanel("img")).ToBeVisibleAsync();
        await Page.Mouse.MoveAsync((float)(box.X + 5), (float)(box.Y + box.Height - 5), new() { Steps = 5 });
        await Expect(tab).Not.ToHaveClassAsync(new Regex(@"\bsky-hover\b"));
        // With its tab shown, its row is marked.
        await tab.ClickAsync();
        await Page.Mouse.MoveAsync((float)(box.X + xy[0]), (float)(box.Y + xy[1]), new() { Steps = 5 });
        var panel = TablePanel("fast");
        await Expect(panel).ToHaveAttributeAsync("data-sky-hover", "2");
        var marked = panel.Locator(".tabulator-row.sky-hover");
        await Expect(marked).ToHaveCountAsync(1);
        await Expect(marked.Locator("[tabulator-field=c0]")).ToHaveTextAsync("1003");
        await _session.ScreenshotAsync("sky-hover");
        await Page.Mouse.MoveAsync((float)(box.X + 5), (float)(box.Y + box.Height - 5), new() { Steps = 5 });
        await Expect(panel.Locator(".tabulator-row.sky-hover")).ToHaveCountAsync(0);
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task Long_source_titles_are_cut_instead_of_making_the_source_list_scroll_sideways()
    {
        await Page.GotoAsync(_server.Url("/"));
        await Expect(Page.Locator("#source-toggles input[name=source]")).ToHaveCountAsync(Sources.Length);
        var list = Page.Locator("#source-toggles");
        Assert.True(await list.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the source list scrolls sideways");
        var label = Page.Locator("#source-toggles label.source-toggle", new() { HasText = LongTitle });
        Assert.True(await label.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the long title was expected to be cut");
        await Expect(label).ToBeVisibleAsync();
        _session.AssertNoErrors();
    }
}
