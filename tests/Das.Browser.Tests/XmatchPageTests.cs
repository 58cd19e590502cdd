using System.Globalization;
using System.Text;
using Das.Testing;
using Microsoft.Playwright;
using static Das.Browser.Tests.ArchiveAnswers;
using static Microsoft.Playwright.Assertions;

namespace Das.Browser.Tests;

/// <summary>The cross-match page in Chromium against the real Das.Web, the catalogues fakes on loopback.</summary>
public sealed class XmatchPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly Star[] Stars =
    [
        new(1001, 0, 0, 14.25, "http://127.0.0.1:9/preview/1001.jpg"),
        new(1002, 30, 0, 16.5, "http://127.0.0.1:9/preview/1002.jpg"),
    ];

    private static readonly SourceEntry[] Sources =
    [
        new("fast", "Fast archive", "/fast/scs"),
        new("hostile", "Hostile <b>archive</b>", "/hostile/scs"),
    ];

    private DasServer _server = null!;
    private PageSession _session = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IPage Page => _session.Page;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Chromium.MissingReason is not null, Chromium.MissingReason ?? "");
        _server = await DasServer.StartAsync(Sources, Ct);
        _server.Archive.Route("/fast/scs", FakeResponse.VoTable(Cone(Stars)));
        _server.Archive.Route("/hostile/scs", FakeResponse.VoTable(QueryError("<img src=x onerror=\"window.dasXss = 1\"> refused")));
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
    }

    [Fact]
    public async Task An_uploaded_CSV_is_matched_against_the_chosen_catalogues_with_one_result_each_and_downloads()
    {
        // Two targets 0.5" from star 1001 and 0.5" from star 1002, one far from both.
        var csv = string.Create(CultureInfo.InvariantCulture,
            $"name,ra,dec\nt1,{Stars[0].RaDeg:R},{Stars[0].DecDeg + (0.5 / 3600):R}\nt2,{Stars[1].RaDeg:R},{Stars[1].DecDeg - (0.5 / 3600):R}\nt3,{Ra:R},{Dec + (60.0 / 3600):R}\n");
        await Page.GotoAsync(_server.Url("/xmatch.html"));
        await Page.Locator("#x-file").SetInputFilesAsync(new FilePayload { Name = "targets.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Page.Locator("#x-radius").FillAsync("2");
        await Page.Locator("#x-cat-fast").CheckAsync();
        await Page.Locator("#x-cat-hostile").CheckAsync();
        await Page.Locator("#x-run").ClickAsync();

        var fast = Page.Locator("section.x-result[data-catalogue='fast']");
        await Expect(fast.Locator("h2")).ToContainTextAsync("Fast archive: Ok — 2 pairs, 2 rows matched (matched by Das)");
        await Expect(fast.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(fast.Locator("thead")).ToContainTextAsync("separation");
        await Expect(fast.Locator(".x-downloads a")).ToHaveCountAsync(4);
        var hostile = Page.Locator("section.x-result[data-catalogue='hostile']");
        await Expect(hostile.Locator(".x-message")).ToContainTextAsync("<img src=x onerror=\"window.dasXss = 1\"> refused");
        await Expect(Page.Locator("#x-status")).ToContainTextAsync("Done: 2 pairs");
        Assert.Null(await Page.EvaluateAsync<int?>("() => window.dasXss ?? null"));

        var download = await Page.RunAndWaitForDownloadAsync(() => fast.Locator(".x-downloads a", new() { HasText = "CSV" }).ClickAsync());
        var path = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(path, Ct);
        Assert.Equal(3, lines.Length); // header and two pairs
        Assert.Contains("separation", lines[0], StringComparison.Ordinal);

        await _session.ScreenshotAsync("frontend-xmatch");
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task A_bad_pasted_line_shows_the_servers_reason_and_runs_nothing()
    {
        await Page.GotoAsync(_server.Url("/xmatch.html"));
        await Page.Locator("#x-positions").FillAsync("334.02 -7.8988\n25h 00 -91");
        await Page.Locator("#x-cat-fast").CheckAsync();
        await Page.Locator("#x-run").ClickAsync();

        await Expect(Page.Locator("#x-errors")).ToContainTextAsync("positions: line 2:");
        Assert.Empty(_server.Archive.RequestsTo("/fast/scs"));
    }

    [Fact]
    public async Task The_query_page_links_to_the_cross_match_page()
    {
        await Page.GotoAsync(_server.Url("/"));
        await Page.Locator("header nav a", new() { HasText = "Cross-match" }).ClickAsync();
        await Expect(Page).ToHaveTitleAsync("Das — cross-match");
        await Expect(Page.Locator("#x-cat-fast")).ToHaveCountAsync(1);
    }
}
