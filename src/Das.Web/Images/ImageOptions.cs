namespace Das.Web.Images;

/// <summary>The image proxy that hands archive FITS to the sky view: configuration section <c>Das:Images</c>.</summary>
public sealed record ImageOptions
{
    /// <summary>Largest image fetched, MiB (after decompression). Default 64.</summary>
    public double MaxMegabytes { get; init; } = 64;

    /// <summary>Time to fetch one image, seconds. Default 60.</summary>
    public double TimeoutSeconds { get; init; } = 60;
}
