namespace Das.Web.Results;

/// <summary>
/// How long the outcomes of a query are kept after it ran, for its downloads and image overlays: configuration
/// section <c>Das:Results</c>.
/// </summary>
public sealed record ResultsOptions
{
    /// <summary>Minutes an outcome is kept after it arrived. Default 30.</summary>
    public double Minutes { get; init; } = 30;

    /// <summary>Memory the kept tables may take, MiB; the least recently used go first. Default 256.</summary>
    public double MaxMegabytes { get; init; } = 256;
}
