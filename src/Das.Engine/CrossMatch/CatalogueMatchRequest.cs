using Das.Sky.CrossMatch;

namespace Das.Engine.CrossMatch;

/// <summary>How a list of positions is matched against catalogues of the source catalogue.</summary>
public sealed record CatalogueMatchRequest
{
    /// <summary>Match radius, arcsec.</summary>
    public required double RadiusArcsec { get; init; }

    /// <summary>Which pairs to keep.</summary>
    public CrossMatchMode Mode { get; init; } = CrossMatchMode.Best;

    /// <summary>Move positions with proper motions to one epoch first; null to match them as given.</summary>
    public EpochPropagation? Epochs { get; init; }

    /// <summary>Where to match; <see cref="MatchPlace.Auto"/> decides by the list's extent and the cone's answer.</summary>
    public MatchPlace Place { get; init; } = MatchPlace.Auto;

    /// <summary>
    /// Auto: the largest cone (the list's extent plus the radius), in degrees, fetched to match here. A wider list
    /// goes to the archive as an upload, when the source can take one. Default 0.5°.
    /// </summary>
    public double MaxConeRadiusDeg { get; init; } = 0.5;

    /// <summary>Auto: lists longer than this go to the archive as an upload, when the source can take one. Default 20 000.</summary>
    public int MaxLocalRows { get; init; } = 20_000;

    /// <summary>The most rows an upload match may return (MAXREC). Default 1 000 000.</summary>
    public long MaxRemoteRows { get; init; } = 1_000_000;
}
