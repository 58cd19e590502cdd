[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Das.Browser.Tests;

/// <summary>
/// One Chromium for a test class (each test opens its own page and server). An open Aladin page keeps nearly two
/// cores busy with software WebGL, so the browser tests never run in parallel.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private Chromium? _chromium;

    internal Chromium Chromium => _chromium ?? throw new InvalidOperationException("Chromium did not start");

    public async ValueTask InitializeAsync()
    {
        if (Chromium.MissingReason is null)
        {
            _chromium = await Chromium.LaunchAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }
}
