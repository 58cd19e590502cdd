using Das.Jobs.Uploads;
using Das.Engine;
using Das.Imaging;
using Das.Jobs;
using Das.Jobs.Downloads;
using Das.Web.Images;
using Das.Web.Results;
using Das.Web.Sky;

namespace Das.Web.Hosting;

/// <summary>The web app's settings: configuration section <c>Das</c> (appsettings.json, environment <c>Das__...</c>, command line).</summary>
public sealed record DasWebOptions
{
    /// <summary>A source catalogue file extending (or replacing) the default catalogue; null for the defaults alone.</summary>
    public string? Sources { get; init; }

    /// <summary>The engine: per-host concurrency, Redis, largest cached answer.</summary>
    public EngineOptions Engine { get; init; } = new();

    /// <summary>How long a query's outcomes are kept for its downloads and image overlays.</summary>
    public ResultsOptions Results { get; init; } = new();

    /// <summary>The image proxy for FITS overlays: size cap and time limit.</summary>
    public ImageOptions Images { get; init; } = new();

    /// <summary>The sky view's HiPS surveys.</summary>
    public SkyOptions Sky { get; init; } = new();

    /// <summary>The job engine: SQLite file, concurrency, in-process or Hangfire on PostgreSQL.</summary>
    public JobOptions Jobs { get; init; } = new();

    /// <summary>Downloads: store directory, size cap, disk budget, allowed hosts.</summary>
    public DownloadOptions Downloads { get; init; } = new();

    /// <summary>HiPS and mosaic jobs: the tools (Java, aladin.jar, Montage) and the HiPS cache folder.</summary>
    public ImagingOptions Imaging { get; init; } = new();

    /// <summary>Uploaded FITS files (the "upload" job kind): the size cap and the most files at once.</summary>
    public UploadOptions Uploads { get; init; } = new();
}
