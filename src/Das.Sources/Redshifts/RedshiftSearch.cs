using Das.Sky.Positions;

namespace Das.Sources.Redshifts;

/// <summary>A redshift search: every redshift known within a radius of a position.</summary>
public sealed record RedshiftSearch
{
    /// <summary>Default radius, arcsec: a galaxy's extent around a typed position, and an arcsecond-scale localisation.</summary>
    public const double DefaultRadiusArcsec = 30;

    /// <summary>Largest radius, arcsec (0.5°): VizieR's all-catalogue search grows fast with the area.</summary>
    public const double MaxRadiusArcsec = 1800;

    /// <summary>The centre, ICRS.</summary>
    public required SkyPosition Position { get; init; }

    /// <summary>The radius, arcsec.</summary>
    public double RadiusArcsec { get; init; } = DefaultRadiusArcsec;

    /// <summary>The name the position was resolved from, if any.</summary>
    public string? TargetName { get; init; }
}
