using System.Globalization;
using System.Text.RegularExpressions;
using Das.Testing;
using Microsoft.Playwright;
using static Das.Browser.Tests.ArchiveAnswers;
using static Microsoft.Playwright.Assertions;

namespace Das.Browser.Tests;

/// <summary>The query page in Chromium against the real Das.Web, every archive a fake on loopback.</summary>
public sealed class QueryPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    /// <summary>The service's words for the failing archive: markup that must show as text and never run.</summary>
    private const string HostileMessage = "<script>window.dasXss = 1</script><img src=x onerror=\"window.dasXss = 2\"> cone refused";

    private static readonly Star[] FastStars =
    [
        new(1001, -20, 10, 14.25, "http://127.0.0.1:9/preview/1001.jpg"),
        new(1002, 15, -25, 16.5, "http://127.0.0.1:9/preview/1002.jpg"),
        new(1003, 30, 30, 18.75, "http://127.0.0.1:9/preview/1003.jpg"),
    ];

    private static readonly Star[] SlowStars =
    [
        new(2001, -35, -10, 12.5, "http://127.0.0.1:9/preview/2001.jpg"),
        new(2002, 5, 40, 19.0, "http://127.0.0.1:9/preview/2002.jpg"),
    ];

    private static readonly SourceEntry[] Sources =
    [
        new("fast", "Fast archive", "/fast/scs"),
        new("slow", "Slow archive", "/slow/scs"),
        new("broken", "Broken <i>archive</i>", "/broken/scs"),
        new("north", "Northern archive", "/north/scs", DecBand: (0, 90)),
        new("extra", "Extra archive", "/extra/scs", IsDefault: false, CacheHours: 1),
    ];

    private const string QueryString = "?RA=334.02&DEC=-7.8988&FOV=2&ERR=10";

    private DasServer _server = null!;

    /// <summary>The slow archive answers once this is set (open unless a test closes it).</summary>
    private TaskCompletionSource _slowGate = CompletedGate();
    private PageSession _session = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IPage Page => _session.Page;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Chromium.MissingReason is not null, Chromium.MissingReason ?? "");
        _server = await DasServer.StartAsync(Sources, Ct);
        _server.Archive.Route("/fast/scs", FakeResponse.VoTable(Cone(FastStars)));
        _server.Archive.Route("/slow/scs", _ =>
        {
            // A Kestrel thread waits here until the test lets the slow archive answer (at most 15 s).
            _slowGate.Task.Wait(TimeSpan.FromSeconds(15), Ct);
            return FakeResponse.VoTable(Cone(SlowStars)) with { Delay = TimeSpan.FromMilliseconds(300) };
        });
        _server.Archive.Route("/broken/scs", FakeResponse.VoTable(QueryError(HostileMessage)));
        _server.Archive.Route("/extra/scs", FakeResponse.VoTable(Cone(FastStars[0])));
        _server.Archive.Route("/north/scs", FakeResponse.VoTable(Cone(FastStars[0])));
        _session = await PageSession.OpenAsync(browser.Chromium);
    }

    public async ValueTask DisposeAsync()
    {
        _slowGate.TrySetResult();
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private ILocator StatusLine(string id) => Page.Locator($"#status-list li[data-source='{id}']");

    private ILocator TablePanel(string id) => Page.Locator($".table-panel[data-source='{id}']");

    private async Task WaitForQueryEndAsync() =>
        await Expect(Page.Locator("body")).ToHaveAttributeAsync("data-query", new Regex("^(done|failed)$"), new() { Timeout = 30_000 });

    [Fact]
    public async Task Page_loads_with_the_sources_and_no_console_error_or_request_beyond_loopback()
    {
        await Page.GotoAsync(_server.Url("/"));
        await Expect(Page.Locator("#source-toggles input[name=source]")).ToHaveCountAsync(Sources.Length);
        // The default sources are ticked, the one that is not default is not.
        await Expect(Page.Locator("#source-toggles input[value=fast]")).ToBeCheckedAsync();
        await Expect(Page.Locator("#source-toggles input[value=extra]")).Not.ToBeCheckedAsync();
        // The sky view waits for a position: nothing is asked of any survey yet.
        await Expect(Page.Locator("#sky .sky-placeholder")).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain(_session.Requests, url => url.Contains("/hips/", StringComparison.Ordinal));
        await _session.ScreenshotAsync("empty");
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task Query_from_the_address_bar_streams_every_source_into_the_status_panel_as_each_answers()
    {
        _slowGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.GotoAsync(_server.Url(QueryString));
        // The fast archive is in while the slow one is still waiting: outcomes arrive one by one, not all at the end.
        await Expect(StatusLine("fast")).ToHaveAttributeAsync("data-status", "Ok");
        await Expect(StatusLine("fast").Locator(".rows")).ToHaveTextAsync("3 rows");
        await Expect(StatusLine("broken")).ToHaveAttributeAsync("data-status", "Failed");
        await Expect(StatusLine("slow")).ToHaveAttributeAsync("data-status", "Waiting");
        await Expect(StatusLine("slow").Locator(".spinner")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#status-summary")).ToHaveTextAsync("3 of 4 answered, 1 failed, 1 skipped…");
        await _session.ScreenshotAsync("waiting");
        _slowGate.SetResult();
        await WaitForQueryEndAsync();
        await Expect(StatusLine("slow")).ToHaveAttributeAsync("data-status", "Ok");
        await Expect(StatusLine("slow").Locator(".rows")).ToHaveTextAsync("2 rows");
        await Expect(Page.Locator("#status-summary")).ToHaveTextAsync(new Regex(@"^4 of 4 answered, 1 failed, 1 skipped\.$"));
        // Outside its coverage a source is skipped at once, with the reason.
        await Expect(StatusLine("north")).ToHaveAttributeAsync("data-status", "Skipped");
        await Expect(StatusLine("north").Locator(".message")).ToContainTextAsync("no coverage");
        Assert.Empty(_server.Archive.RequestsTo("/north/scs"));
        // The sky view opened at the target on the local HiPS (Aladin Lite read its properties file).
        await Expect(Page.Locator("#sky canvas").First).ToBeVisibleAsync();
        await Expect(Page.Locator("#sky")).ToHaveAttributeAsync("data-target", "334.020000 -7.898800");
        Assert.Contains(_session.Requests, url => url.EndsWith("/hips/properties", StringComparison.Ordinal));
        // Elapsed times are shown, and the request sent is one click away.
        var slowElapsed = await StatusLine("slow").Locator(".elapsed").TextContentAsync();
        // As formatElapsed writes it: milliseconds under a second ("837 ms"; the gate may open that soon), else seconds.
        Assert.Matches(@"^(\d+ ms|\d+\.\d+ s)$", slowElapsed);
        await StatusLine("fast").Locator("details.provenance summary").ClickAsync();
        await Expect(StatusLine("fast").Locator("details.provenance pre")).ToContainTextAsync("/fast/scs");
        await _session.ScreenshotAsync("streamed");
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task A_failing_archive_shows_its_own_words_as_text_and_its_markup_never_runs()
    {
        // The fast archive's table brings markup too: in a column's name, unit and description, and in its cells.
        const string hostileColumn = "<img src=x onerror=\"window.dasXss = 3\"><script>window.dasXss = 4</script>";
        _server.Archive.Route("/fast/scs", FakeResponse.VoTable(Cone(hostileColumn, FastStars)));
        await Page.GotoAsync(_server.Url(QueryString));
        await Expect(StatusLine("broken")).ToHaveAttributeAsync("data-status", "Failed");
        var message = StatusLine("broken").Locator(".message");
        await Expect(message).ToContainTextAsync("<script>window.dasXss = 1</script>");
        await Expect(message).ToContainTextAsync("onerror=\"window.dasXss = 2\"> cone refused");
        await Expect(StatusLine("broken").Locator(".title")).ToHaveTextAsync("Broken <i>archive</i>");
        await WaitForQueryEndAsync();
        await Page.Locator("#table-tabs .tab[data-source=fast]").ClickAsync();
        var fast = TablePanel("fast");
        await Expect(fast.Locator(".tabulator-col[tabulator-field=c5] .col-title")).ToHaveTextAsync($"{hostileColumn} [{hostileColumn}]");
        await Expect(fast.Locator(".tabulator-row").First.Locator("[tabulator-field=c5]")).ToHaveTextAsync(hostileColumn);
        Assert.Equal(0, await Page.Locator("#status-list script, #status-list img, #status-list i, #table-panels script, #table-panels img").CountAsync());
        Assert.Equal("undefined", await Page.EvaluateAsync<string>("() => typeof window.dasXss"));
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task Tables_show_each_sources_rows_with_units_in_the_headers_and_links()
    {
        await Page.GotoAsync(_server.Url(QueryString));
        await WaitForQueryEndAsync();
        // One tab per source with rows, each with its row count; the failing source has none.
        await Expect(Page.Locator("#table-tabs .tab")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#table-tabs .tab[data-source=fast] .count")).ToHaveTextAsync("3");
        await Expect(Page.Locator("#table-tabs .tab[data-source=slow] .count")).ToHaveTextAsync("2");
        var fast = TablePanel("fast");
        await Page.Locator("#table-tabs .tab[data-source=fast]").ClickAsync();
        await Expect(fast.Locator(".tabulator-row")).ToHaveCountAsync(3);
        await Expect(fast.Locator(".tabulator-col[tabulator-field=c3] .col-title")).ToHaveTextAsync("gmag [mag]");
        await Expect(fast.Locator(".tabulator-col[tabulator-field=c1] .col-title")).ToHaveTextAsync("ra [deg]");
        // Long ids come as strings and are shown exactly; magnitudes as numbers.
        await Expect(fast.Locator(".tabulator-row").First.Locator("[tabulator-field=c0]")).ToHaveTextAsync("1001");
        await Expect(fast.Locator(".tabulator-row").First.Locator("[tabulator-field=c3]")).ToHaveTextAsync("14.25");
        var link = fast.Locator(".tabulator-row").First.Locator("[tabulator-field=c4] a");
        await Expect(link).ToHaveAttributeAsync("href", FastStars[0].Url);
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        // Sorting by magnitude, descending on the second click.
        await fast.Locator(".tabulator-col[tabulator-field=c3] .tabulator-col-title").ClickAsync();
        await fast.Locator(".tabulator-col[tabulator-field=c3] .tabulator-col-title").ClickAsync();
        await Expect(fast.Locator(".tabulator-row").First.Locator("[tabulator-field=c0]")).ToHaveTextAsync("1003");
        // Filtering a numeric column with a comparison.
        // Typed key by key, as people type: Tabulator filters on keyup.
        await fast.Locator(".tabulator-col[tabulator-field=c3] input").PressSequentiallyAsync("< 17");
        await Expect(fast.Locator(".tabulator-row")).ToHaveCountAsync(2);
        await Expect(fast.Locator(".shown")).ToHaveTextAsync("2 of 3 rows match the filters");
        await _session.ScreenshotAsync("tables");
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task Address_bar_holds_a_link_repeating_the_query_and_the_link_runs_it_again()
    {
        await Page.GotoAsync(_server.Url("/"));
        await Expect(Page.Locator("#source-toggles input[name=source]")).ToHaveCountAsync(Sources.Length);
        await Page.FillAsync("#f-ra", "22:16:04.8");
        await Page.FillAsync("#f-dec", "-07:53:55.7");
        await Page.FillAsync("#f-fov", "3");
        await Page.FillAsync("#f-err", "15");
        await Page.Locator("#source-toggles input[value=slow]").UncheckAsync();
        await Page.Locator("#source-toggles input[value=extra]").CheckAsync();
        await Page.ClickAsync("#submit");
        await WaitForQueryEndAsync();
        var link = new Uri(Page.Url);
        Assert.Equal("?RA=22:16:04.8&DEC=-07:53:55.7&FOV=3&ERR=15&CAT=fast&CAT=broken&CAT=north&CAT=extra", link.Query);
        await Expect(Page.Locator("#status-list li.source")).ToHaveCountAsync(4);
        await Expect(StatusLine("slow")).ToHaveCountAsync(0);
        await Expect(StatusLine("extra")).ToHaveAttributeAsync("data-status", "Ok");
        await Expect(Page.Locator("#query-target")).ToContainTextAsync("FOV 3′");
        // The link alone, in a fresh page, asks the same sources at the same place.
        await Page.GotoAsync(link.AbsoluteUri);
        await WaitForQueryEndAsync();
        await Expect(Page.Locator("#status-list li.source")).ToHaveCountAsync(4);
        await Expect(Page.Locator("#f-ra")).ToHaveValueAsync("22:16:04.8");
        // The extra archive keeps its answers an hour: the second time they come from the cache, with their age.
        await Expect(StatusLine("extra").Locator(".badge.cached")).ToHaveTextAsync(new Regex(@"^cached \d+ s ago$"));
        Assert.Single(_server.Archive.RequestsTo("/extra/scs"));
        await Expect(StatusLine("fast").Locator(".badge.cached")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#source-toggles input[value=extra]")).ToBeCheckedAsync();
        await Expect(Page.Locator("#source-toggles input[value=slow]")).Not.ToBeCheckedAsync();
        Assert.Equal(link.Query, new Uri(Page.Url).Query);
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Theory]
    [InlineData("?CAT=0", new string[0])]
    [InlineData("?CAT=DEFAULT&CAT=extra", new[] { "fast", "slow", "broken", "north", "extra" })]
    [InlineData("?CAT=fast&CAT=extra&IMG=0", new[] { "fast", "extra" })]
    public async Task Source_selection_in_the_link_asks_exactly_those_sources(string selection, string[] expected)
    {
        await Page.GotoAsync(_server.Url("?RA=334.02&DEC=-7.8988" + selection.Replace('?', '&')));
        await WaitForQueryEndAsync();
        var asked = await Page.Locator("#status-list li.source").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.source)");
        Assert.Equal(expected.Order(StringComparer.Ordinal), asked.Order(StringComparer.Ordinal));
        Assert.EndsWith(selection.TrimStart('?'), new Uri(Page.Url).Query, StringComparison.Ordinal);
        _session.AssertOnlyLoopbackRequests();
    }

    [Fact]
    public async Task A_bad_position_shows_the_servers_precise_error_under_its_field()
    {
        await Page.GotoAsync(_server.Url("?RA=10:41:00.5&DEC=%2B41:61:07"));
        var error = Page.Locator("#e-DEC");
        await Expect(error).ToContainTextAsync("61");
        await Expect(error.Locator("mark")).ToHaveTextAsync("6");
        await Expect(Page.Locator("#f-dec")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#e-RA")).ToBeEmptyAsync();
        await Expect(Page.Locator("#status-summary")).ToHaveTextAsync("the query did not run: see the form.");
        Assert.Empty(_server.Archive.Requests);
        await _session.ScreenshotAsync("bad-dec");
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task Resolve_shows_the_position_and_the_resolver()
    {
        _server.Archive.Route("/sesame/nph-sesame/-oxpI/SNV", FakeResponse.Text(SesameFound("NGC 7252", 334.0215, -24.6779, "GiP"), "text/xml"));
        await Page.GotoAsync(_server.Url("/"));
        await Page.FillAsync("#f-name", "NGC 7252");
        await Page.ClickAsync("#resolve");
        await Expect(Page.Locator("#resolved")).ToContainTextAsync("334.021500 -24.677900");
        await Expect(Page.Locator("#resolved .by")).ToContainTextAsync("Simbad", new() { IgnoreCase = true });
        await Expect(Page.Locator("#f-ra")).ToHaveValueAsync("334.021500");
        await Expect(Page.Locator("#f-dec")).ToHaveValueAsync("-24.677900");
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task Hovering_a_row_highlights_its_source_on_the_sky_and_clicking_a_sky_source_selects_its_row()
    {
        await Page.GotoAsync(_server.Url(QueryString));
        await WaitForQueryEndAsync();
        await Expect(Page.Locator("#sky")).ToHaveAttributeAsync("data-target", "334.020000 -7.898800");
        var fast = TablePanel("fast");
        await Page.Locator("#table-tabs .tab[data-source=fast]").ClickAsync();
        var hovered = FastStars[1];
        Assert.Equal(0, await SelectionPixelsAroundAsync(hovered));
        await fast.Locator(".tabulator-row").Nth(1).Locator("[tabulator-field=c3]").HoverAsync();
        await Expect(Page.Locator("#sky")).ToHaveAttributeAsync("data-highlight", "fast#1");
        // Aladin draws the object in the selection colour (yellow) where that row's position is.
        await EventuallyAsync(() => SelectionPixelsAroundAsync(hovered), n => n > 10, "the hovered row's object drawn in the selection colour");
        Assert.Equal(0, await SelectionPixelsAroundAsync(FastStars[0]));
        await _session.ScreenshotAsync("hover");
        await Page.Locator("header").HoverAsync();
        await Expect(Page.Locator("#sky")).Not.ToHaveAttributeAsync("data-highlight", new Regex("."));
        await EventuallyAsync(() => SelectionPixelsAroundAsync(hovered), n => n == 0, "the object back in its catalogue's colour");

        // Click the slow archive's second object where Aladin draws it: its tab opens with that row selected.
        var star = SlowStars[1];
        var xy = await Page.EvaluateAsync<double[]?>("([ra, dec]) => window.das.pixelOf(ra, dec)", new[] { star.RaDeg, star.DecDeg });
        Assert.NotNull(xy);
        var box = await Page.Locator("#sky").BoundingBoxAsync();
        Assert.NotNull(box);
        await Page.Mouse.ClickAsync((float)(box.X + xy[0]), (float)(box.Y + xy[1]));
        var selected = TablePanel("slow").Locator(".tabulator-row.tabulator-selected");
        await Expect(selected).ToHaveCountAsync(1);
        await Expect(selected.Locator("[tabulator-field=c0]")).ToHaveTextAsync(star.Id.ToString(CultureInfo.InvariantCulture));
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    /// <summary>Polls a value the page draws (a canvas has no DOM to wait on) until it satisfies a condition, for 10 s.</summary>
    private static async Task EventuallyAsync(Func<Task<int>> read, Func<int, bool> condition, string what)
    {
        int last = -1;
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(10); waited += TimeSpan.FromMilliseconds(100))
        {
            last = await read();
            if (condition(last))
            {
                return;
            }
            await Task.Delay(100, Ct);
        }
        Assert.Fail($"expected {what}; last value read: {last}");
    }

    /// <summary>Pure-yellow pixels (Aladin's selection colour here) on the catalogue canvas within 12 px of a star.</summary>
    private Task<int> SelectionPixelsAroundAsync(Star star) => PixelsAroundAsync(star, [255, 255, 0]);

    /// <summary>Pixels of about <paramref name="rgb"/> on Aladin's catalogue canvas within 12 px of a star.</summary>
    private Task<int> PixelsAroundAsync(Star star, int[] rgb) => Page.EvaluateAsync<int>(
        """
        ([ra, dec, r0, g0, b0]) => {
          const xy = window.das.pixelOf(ra, dec);
          const canvas = document.querySelector('#sky canvas.aladin-catalogCanvas');
          if (!xy || !canvas) return -1;
          const scale = canvas.width / canvas.clientWidth;
          const [x, y, r] = [Math.round(xy[0] * scale), Math.round(xy[1] * scale), Math.round(12 * scale)];
          const pixels = canvas.getContext('2d').getImageData(x - r, y - r, 2 * r + 1, 2 * r + 1).data;
          let count = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            const near = Math.abs(pixels[i] - r0) < 40 && Math.abs(pixels[i + 1] - g0) < 40 && Math.abs(pixels[i + 2] - b0) < 40;
            if (near && pixels[i + 3] > 200) count++;
          }
          return count;
        }
        """, new[] { star.RaDeg, star.DecDeg, rgb[0], rgb[1], rgb[2] });

    [Fact]
    public async Task Without_the_hub_the_page_streams_the_same_lines_over_ndjson()
    {
        // A proxy that refuses WebSockets and SignalR's negotiation: the page falls back to GET api/query/stream.
        await Page.RouteAsync("**/hubs/query**", route => route.AbortAsync());
        await Page.GotoAsync(_server.Url(QueryString));
        await WaitForQueryEndAsync();
        await Expect(StatusLine("fast").Locator(".rows")).ToHaveTextAsync("3 rows");
        await Expect(StatusLine("slow").Locator(".rows")).ToHaveTextAsync("2 rows");
        await Expect(StatusLine("broken")).ToHaveAttributeAsync("data-status", "Failed");
        Assert.Contains(_session.Requests, url => url.Contains("/api/query/stream?RA=334.02&DEC=-7.8988&FOV=2&ERR=10", StringComparison.Ordinal));
        _session.AssertOnlyLoopbackRequests();
    }

    [Fact]
    public async Task A_source_toggled_off_after_its_results_arrived_leaves_the_tables_and_comes_back()
    {
        await Page.GotoAsync(_server.Url(QueryString));
        await WaitForQueryEndAsync();
        var toggle = StatusLine("fast").Locator("input.show");
        await Expect(toggle).ToBeEnabledAsync();
        await Expect(StatusLine("broken").Locator("input.show")).ToBeDisabledAsync();
        // The fast archive's overlay is drawn in the first colour of the palette (#4fc3f7).
        int[] fastColour = [0x4f, 0xc3, 0xf7];
        await EventuallyAsync(() => PixelsAroundAsync(FastStars[2], fastColour), n => n > 10, "the fast archive's object on the sky");
        await toggle.UncheckAsync();
        await Expect(Page.Locator("#table-tabs .tab[data-source=fast]")).ToBeHiddenAsync();
        await Expect(TablePanel("slow")).ToBeVisibleAsync();
        await EventuallyAsync(() => PixelsAroundAsync(FastStars[2], fastColour), n => n == 0, "the fast archive's overlay hidden");
        await toggle.CheckAsync();
        await Expect(Page.Locator("#table-tabs .tab[data-source=fast]")).ToBeVisibleAsync();
        await EventuallyAsync(() => PixelsAroundAsync(FastStars[2], fastColour), n => n > 10, "the fast archive's overlay back");
        _session.AssertNoErrors();
    }

    [Theory]
    [InlineData("csv", "text/csv")]
    [InlineData("votable", "application/x-votable+xml")]
    [InlineData("json", "application/json")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public async Task Export_buttons_download_one_sources_table_for_the_same_query(string format, string mediaType)
    {
        await Page.GotoAsync(_server.Url(QueryString));
        await WaitForQueryEndAsync();
        await Page.Locator("#table-tabs .tab[data-source=fast]").ClickAsync();
        var button = TablePanel("fast").Locator($"a.export[data-format={format}]");
        var href = await button.GetAttributeAsync("href") ?? "";
        Assert.Equal($"api/query/table?source=fast&format={format}&RA=334.02&DEC=-7.8988&FOV=2&ERR=10", href);
        var download = await Page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        Assert.StartsWith("fast.", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        Assert.NotEmpty(bytes);
        await using var response = await Page.APIRequest.GetAsync(_server.Url(href));
        Assert.StartsWith(mediaType, response.Headers["content-type"], StringComparison.Ordinal);
        if (format is "csv" or "json")
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.Contains("1003", text, StringComparison.Ordinal);
        }
        _session.AssertOnlyLoopbackRequests();
    }

    [Fact]
    public async Task A_hundred_thousand_rows_scroll_in_a_virtual_grid()
    {
        var many = Enumerable.Range(0, 100_000).Select(i => new Star(500_000 + i, (i % 400) * 0.3 - 60, (i / 400) * 0.48 - 60, 10 + i % 100 * 0.1, "")).ToArray();
        await using var big = await DasServer.StartAsync([new SourceEntry("big", "Big archive", "/big/scs", BudgetSeconds: 60, MaxRows: 100_000)], Ct);
        big.Archive.Route("/big/scs", FakeResponse.VoTable(Cone(many)));
        await Page.GotoAsync(big.Url(QueryString));
        await Expect(StatusLine("big").Locator(".rows")).ToHaveTextAsync("100000 rows", new() { Timeout = 60_000 });
        var panel = TablePanel("big");
        await Expect(Page.Locator("#table-tabs .tab[data-source=big] .count")).ToHaveTextAsync("100000", new() { Timeout = 60_000 });
        await Expect(panel.Locator(".tabulator-row").First).ToBeVisibleAsync();
        Assert.InRange(await panel.Locator(".tabulator-row").CountAsync(), 1, 200);
        // Scroll to the very end: the last row is rendered, still with only a window of rows in the DOM.
        await panel.Locator(".tabulator-tableholder").EvaluateAsync("holder => holder.scrollTop = holder.scrollHeight");
        await Expect(panel.Locator(".tabulator-row [tabulator-field=c0]", new() { HasText = "599999" })).ToHaveCountAsync(1);
        Assert.InRange(await panel.Locator(".tabulator-row").CountAsync(), 1, 200);
        // Sorting all 100 000 rows (seconds on a loaded machine): ascending by id, then descending puts the last row first.
        var slow = new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 };
        await panel.Locator(".tabulator-tableholder").EvaluateAsync("holder => holder.scrollTop = 0");
        var id = panel.Locator(".tabulator-col[tabulator-field=c0] .tabulator-col-title");
        var top = panel.Locator(".tabulator-row").First.Locator("[tabulator-field=c0]");
        await id.ClickAsync();
        await Expect(panel.Locator(".tabulator-col[tabulator-field=c0]")).ToHaveAttributeAsync("aria-sort", "ascending", new() { Timeout = 60_000 });
        await Expect(top).ToHaveTextAsync("500000", slow);
        await id.ClickAsync();
        await Expect(panel.Locator(".tabulator-col[tabulator-field=c0]")).ToHaveAttributeAsync("aria-sort", "descending", new() { Timeout = 60_000 });
        await Expect(top).ToHaveTextAsync("599999", slow);
        // Filtering them: nine ids above 599990.
        await panel.Locator(".tabulator-col[tabulator-field=c0] input").PressSequentiallyAsync("> 599990");
        await Expect(panel.Locator(".tabulator-row")).ToHaveCountAsync(9, new() { Timeout = 60_000 });
        await Expect(panel.Locator(".shown")).ToHaveTextAsync("9 of 100000 rows match the filters", slow);
        await Expect(panel.Locator(".tabulator-row").Last.Locator("[tabulator-field=c0]")).ToHaveTextAsync("599991", slow);
        _session.AssertNoErrors();
    }
}
