namespace Das.Imaging.Hips;

/// <summary>A HiPS that Hipsgen built and validated (LINT against HiPS 1.0, CHECK against its own check codes).</summary>
public sealed record HipsBuild
{
    /// <summary>The HiPS folder (holds <c>properties</c>, <c>Norder*</c>, <c>Moc.fits</c>).</summary>
    public required string Directory { get; init; }

    /// <summary>The parsed <c>properties</c> file.</summary>
    public required HipsProperties Properties { get; init; }

    /// <summary>LINT's verdict (never <see cref="HipsLintVerdict.NotCompatible"/>: that fails the build).</summary>
    public required HipsLintVerdict Lint { get; init; }

    /// <summary>LINT's warnings (recommended keywords missing and the like).</summary>
    public required IReadOnlyList<string> LintWarnings { get; init; }

    /// <summary>How many FITS images went in.</summary>
    public required int InputCount { get; init; }

    /// <summary>The Hipsgen command that ran (the provenance).</summary>
    public required string Command { get; init; }

    /// <summary>Time Hipsgen took; for a cached HiPS, the time of the build that made it.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The cache key (sha256 of scope, parameters and input bytes) when built through <see cref="HipsCache"/>.</summary>
    public string? Key { get; init; }

    /// <summary>True when the HiPS came from the cache without running Hipsgen.</summary>
    public bool FromCache { get; init; }
}
