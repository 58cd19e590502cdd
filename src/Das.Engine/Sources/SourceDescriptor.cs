using Das.Sky.Moc;

namespace Das.Engine.Sources;

/// <summary>What the engine needs to know about a source, whatever its protocol.</summary>
public sealed record SourceDescriptor
{
    /// <summary>Unique id (letters, digits, '.', '_', '-'), e.g. <c>gaia-dr3</c>; used in CAT=, cache keys and file names.</summary>
    public required string Id { get; init; }

    /// <summary>Name shown to users, e.g. "Gaia DR3"; starts every message about the source.</summary>
    public required string Title { get; init; }

    /// <summary>What its rows are.</summary>
    public required ResultKind Kind { get; init; }

    /// <summary>The protocol or API, for display (TAP, SCS, SIA2, VizieR, FINK API ...).</summary>
    public required string Protocol { get; init; }

    /// <summary>The host asked (requests to one host share its concurrency limit).</summary>
    public required string Host { get; init; }

    /// <summary>The whole time the source may take, from start to the last row.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an answer may be served from the cache; zero to never cache.</summary>
    public TimeSpan CacheLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Where on the sky the source has data; null when it covers the whole sky or nobody said.</summary>
    public Moc? Coverage { get; init; }

    /// <summary>Asked by CAT=DEFAULT (catalogues) or by default (images) when true; on demand only when false.</summary>
    public bool IsDefault { get; init; } = true;

    /// <summary>Other names accepted in CAT= (case-insensitive), e.g. ZTF for irsa-ztf-objects.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The access group whose members may see this source's data; null for public data.</summary>
    public string? AccessGroup { get; init; }

    /// <summary>A fixed search radius in degrees replacing the one derived from the query (FOV/ERR), if set.</summary>
    public double? RadiusDeg { get; init; }

    /// <summary>Free text shown with the source: what it is, its row limit, caveats.</summary>
    public string? Description { get; init; }
}
