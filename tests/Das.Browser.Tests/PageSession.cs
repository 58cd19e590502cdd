using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Das.Browser.Tests;

/// <summary>
/// One browser page with everything it did recorded: every request URL, console errors and uncaught exceptions,
/// so each test can prove the page stayed on 127.0.0.1 and logged nothing wrong.
/// </summary>
internal sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();
    private readonly ConcurrentQueue<string> _failedResponses = new();

    private PageSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Request += (_, request) => _requests.Enqueue(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => _pageErrors.Enqueue(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _failedResponses.Enqueue($"{response.Status} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<PageSession> OpenAsync(Chromium chromium)
    {
        var context = await chromium.Browser.NewContextAsync(Chromium.ContextOptions);
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new PageSession(context, page);
    }

    /// <summary>Fails when any request left 127.0.0.1 (data: and blob: URLs stay in the page).</summary>
    public void AssertOnlyLoopbackRequests()
    {
        var outside = Requests.Where(url =>
            !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host == "127.0.0.1")).ToList();
        Assert.True(outside.Count == 0, "requests outside 127.0.0.1: " + string.Join(", ", outside));
    }

    /// <summary>Fails when the page logged a console error (other than <paramref name="expected"/> ones) or threw an uncaught exception.</summary>
    public void AssertNoErrors(Func<string, bool>? expected = null)
    {
        var errors = _consoleErrors.Where(e => expected is null || !expected(e)).ToList();
        Assert.True(errors.Count == 0, "console errors: " + string.Join(" | ", errors)
            + (_failedResponses.IsEmpty ? "" : "; failed responses: " + string.Join(" | ", _failedResponses)));
        Assert.True(_pageErrors.IsEmpty, "uncaught exceptions: " + string.Join(" | ", _pageErrors));
    }

    /// <summary>Saves a screenshot when DAS_SCREENSHOTS names a folder (for people looking at the page, not for asserting).</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("DAS_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"frontend-{name}.png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Page.CloseAsync();
        await _context.DisposeAsync();
    }
}
