using Das.Engine;

namespace Das.Web.Hosting;

/// <summary>The web app's settings: configuration section <c>Das</c> (appsettings.json, environment <c>Das__...</c>, command line).</summary>
public sealed record DasWebOptions
{
    /// <summary>A source catalogue file extending (or replacing) the default catalogue; null for the defaults alone.</summary>
    public string? Sources { get; init; }

    /// <summary>The engine: per-host concurrency, Redis, largest cached answer.</summary>
    public EngineOptions Engine { get; init; } = new();
}
