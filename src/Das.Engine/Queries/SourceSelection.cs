namespace Das.Engine.Queries;

/// <summary>
/// Which sources a query asks, in the grammar of the service's links: <c>CAT=0</c> (no catalogues),
/// <c>CAT=DEFAULT</c>, repeated <c>CAT=ZTF&amp;CAT=FINK</c>, <c>VIZ=acker,V/84</c> (extra VizieR catalogues) and
/// <c>IMG=0</c> (no images).
/// </summary>
public sealed record SourceSelection
{
    /// <summary>The default selection: the default catalogues and the default image sources.</summary>
    public static SourceSelection Default { get; } = new();

    /// <summary>True for CAT=DEFAULT (or no CAT at all): the catalogue's default sources, plus <see cref="Catalogues"/>.</summary>
    public bool DefaultCatalogues { get; init; } = true;

    /// <summary>Sources named with CAT=, by id or alias (case-insensitive). With CAT=0 this is empty and no catalogue is asked.</summary>
    public IReadOnlyList<string> Catalogues { get; init; } = [];

    /// <summary>Extra VizieR catalogues or tables (VIZ=), by short name or id, asked on demand.</summary>
    public IReadOnlyList<string> VizierCatalogues { get; init; } = [];

    /// <summary>False for IMG=0: no image sources.</summary>
    public bool Images { get; init; } = true;

    /// <summary>True when nothing at all can be asked (CAT=0, IMG=0 and no VIZ).</summary>
    public bool IsEmpty => !DefaultCatalogues && Catalogues.Count == 0 && VizierCatalogues.Count == 0 && !Images;
}
