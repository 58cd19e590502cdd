using Das.Imaging.Tools;

namespace Das.Imaging;

/// <summary>Configuration section <c>Das:Imaging</c>: where the tools are and where built HiPS are kept.</summary>
public sealed record ImagingOptions
{
    /// <summary>Java, aladin.jar and Montage's folder.</summary>
    public ImagingToolOptions Tools { get; init; } = new();

    /// <summary>The HiPS cache folder (served at <c>/hips-jobs/{key}/</c>); null for <c>hips</c> in the app's data directory.</summary>
    public string? HipsDirectory { get; init; }
}
