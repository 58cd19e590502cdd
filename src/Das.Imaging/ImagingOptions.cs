using Das.Imaging.Tools;

namespace Das.Imaging;

/// <summary>Configuration section <c>Das:Imaging</c>: where the tools are and where built HiPS are kept.</summary>
public sealed record ImagingOptions
{
    /// <summary>Java, aladin.jar and Montage's folder.</summary>
    public ImagingToolOptions Tools { get; init; } = new();

    /// <summary>The HiPS cache folder (served at <c>/hips-jobs/{key}/</c>); null for <c>hips</c> in the app's data directory.</summary>
    public string? HipsDirectory { get; init; }

    /// <summary>The HiPS cache's disk budget in MB (10^6 bytes): the least recently used HiPS go first; 0 for none.</summary>
    public long HipsDiskBudgetMegabytes { get; init; } = 5000;

    /// <summary>The budget in bytes, or null for none.</summary>
    public long? HipsDiskBudgetBytes => HipsDiskBudgetMegabytes > 0 ? HipsDiskBudgetMegabytes * 1_000_000 : null;
}
