using Das.Sky.Positions;

namespace Das.Engine.Queries;

/// <summary>
/// One Das query: where to look (a position, found from a name or typed), how wide (the field of view shown and the
/// position error), and which sources to ask.
/// </summary>
public sealed record SkyQuery
{
    /// <summary>Default field of view, arcmin.</summary>
    public const double DefaultFovArcmin = 2.0;

    /// <summary>Default position error radius, arcsec.</summary>
    public const double DefaultErrArcsec = 10.0;

    /// <summary>The target, ICRS.</summary>
    public required SkyPosition Position { get; init; }

    /// <summary>The name the position was resolved from, if any (shown, and kept in exports).</summary>
    public string? TargetName { get; init; }

    /// <summary>Field of view, arcmin (the side of the square shown on the sky; images are cut to it).</summary>
    public double FovArcmin { get; init; } = DefaultFovArcmin;

    /// <summary>Position error radius, arcsec (the error circle drawn; catalogues search at least this far).</summary>
    public double ErrArcsec { get; init; } = DefaultErrArcsec;

    /// <summary>Which sources to ask.</summary>
    public SourceSelection Selection { get; init; } = SourceSelection.Default;

    /// <summary>
    /// The radius a source of this kind searches, degrees: catalogues cover the error circle and the field shown
    /// (max of ERR and half the FOV), images the field (half its diagonal, so the corners are covered too).
    /// </summary>
    public double SearchRadiusDeg(Sources.ResultKind kind) => kind switch
    {
        Sources.ResultKind.Images => FovArcmin / 60.0 * Math.Sqrt(2) / 2,
        _ => Math.Max(ErrArcsec / 3600.0, FovArcmin / 60.0 / 2),
    };
}
