using Microsoft.Playwright;

namespace Das.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download): headless, software WebGL (SwiftShader, which Aladin
/// Lite needs), no background traffic, and a throw-away HOME so nothing is written to the user's profile.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    /// <summary>Debian's Chromium, or the browser DAS_CHROMIUM names.</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("DAS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _home;

    private Chromium(IPlaywright playwright, IBrowser browser, string home)
    {
        _playwright = playwright;
        Browser = browser;
        _home = home;
    }

    public IBrowser Browser { get; }

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? MissingReason => File.Exists(ExecutablePath)
        ? null
        : $"{ExecutablePath} is missing: install Debian's chromium (test.sh does, as root) to run the browser tests";

    public static async Task<Chromium> LaunchAsync()
    {
        var home = Directory.CreateTempSubdirectory("das-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader",
                ],
                Env = new Dictionary<string, string> { ["HOME"] = home },
                Timeout = 60_000,
            });
            return new Chromium(playwright, browser, home);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be closing files; the temporary folder is left behind.
        }
    }

    /// <summary>A page-size viewport for the whole layout (form, sky, status, tables).</summary>
    public static BrowserNewContextOptions ContextOptions => new()
    {
        ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        Locale = "en-US",
    };
}
