using Microsoft.Playwright;

/// <summary>
/// (c) The first result drawn: Debian's Chromium (Playwright, headless, software WebGL) shows the real page; each run
/// submits a new position through the form and a MutationObserver notes when the first source's status line leaves
/// "waiting", then the next frame is painted. That moment, against the moment the fastest fake archive answered
/// (both in Unix milliseconds from this machine's clock), is the figure the issue names: "drawn ≤ 100 ms after".
/// </summary>
internal static class FirstResultDrawn
{
    // Armed before each submit: the first data-status change away from Waiting after arming is the first result; the
    // time is taken once a frame has been painted after it (rAF runs before the paint, the timeout after it).
    private const string ArmScript = """
        () => {
          window.__dasFirst = null;
          const observer = new MutationObserver(records => {
            for (const r of records) {
              const status = r.target instanceof HTMLElement ? r.target.dataset.status : undefined;
              if (status && status !== 'Waiting') {
                observer.disconnect();
                const inDom = performance.timeOrigin + performance.now();
                requestAnimationFrame(() => setTimeout(() => {
                  window.__dasFirst = { inDom, painted: performance.timeOrigin + performance.now(), source: r.target.dataset.source };
                }, 0));
                return;
              }
            }
          });
          observer.observe(document.getElementById('status-list'), { subtree: true, attributes: true, attributeFilter: ['data-status'] });
        }
        """;

    public static string? MissingReason(string chromium) =>
        File.Exists(chromium) ? null : $"{chromium} is missing (apt-get install chromium): the browser figure is skipped";

    /// <summary>Runs <paramref name="runs"/> queries in one page; returns (dom, painted) delays in ms per run.</summary>
    public static async Task<List<(double InDom, double Painted)>> MeasureAsync(Uri baseUri, string chromium, int runs,
        Func<string> nextQuery, Func<string, Task<double>> fastestAnsweredAt, Func<string, string> raOf, int sources, string? profilePath)
    {
        var home = Directory.CreateTempSubdirectory("das-webbench-chromium-").FullName;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader"],
            Env = new Dictionary<string, string> { ["HOME"] = home },
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        // Nothing leaves 127.0.0.1: the bench serves a local survey, and anything else is refused here.
        await page.RouteAsync(url => !new Uri(url).IsLoopback && !url.StartsWith("blob:", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal),
            route => route.AbortAsync());
        var results = new List<(double, double)>();
        try
        {
            // The page and its sky are loaded once by a first query (not measured): runs then submit the form, as a
            // user does for the next target.
            await page.GotoAsync(new Uri(baseUri, "?" + nextQuery()).AbsoluteUri);
            await WaitForAllAsync(page, sources);
            // --profile FILE: the page's JavaScript CPU profile over the measured runs (open it in Chromium's DevTools).
            ICDPSession? cdp = null;
            if (profilePath is not null)
            {
                cdp = await page.Context.NewCDPSessionAsync(page);
                await cdp.SendAsync("Profiler.enable");
                await cdp.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 200 });
                await cdp.SendAsync("Profiler.start");
            }
            for (int r = 0; r < runs; r++)
            {
                var query = nextQuery();
                var fields = query.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
                // As a user would, the next target comes once the page has settled (the last overlay drawn, idle).
                await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestIdleCallback(() => r(), { timeout: 3000 })))");
                await page.EvaluateAsync(ArmScript);
                await page.FillAsync("#f-ra", fields["RA"]);
                await page.FillAsync("#f-dec", fields["DEC"]);
                await page.ClickAsync("#submit");
                var first = await page.WaitForFunctionAsync("() => window.__dasFirst", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
                double inDom = await first.EvaluateAsync<double>("f => f.inDom");
                double painted = await first.EvaluateAsync<double>("f => f.painted");
                double answered = await fastestAnsweredAt(raOf("RA=" + fields["RA"]));
                results.Add((inDom - answered, painted - answered));
                await WaitForAllAsync(page, sources);
            }
            if (cdp is not null)
            {
                var profile = await cdp.SendAsync("Profiler.stop");
                await File.WriteAllTextAsync(profilePath!, profile!.Value.GetProperty("profile").GetRawText());
            }
        }
        finally
        {
            await page.CloseAsync();
            Directory.Delete(home, recursive: true);
        }
        return results;
    }

    private static Task<IJSHandle> WaitForAllAsync(IPage page, int sources) =>
        page.WaitForFunctionAsync(
            "n => document.querySelectorAll('#status-list li.source').length === n && !document.querySelector('#status-list li.source.waiting')",
            sources, new PageWaitForFunctionOptions { Timeout = 60_000 });

}
