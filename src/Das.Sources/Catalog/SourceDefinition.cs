using System.Text.Json;
using System.Text.Json.Serialization;

namespace Das.Sources.Catalog;

/// <summary>
/// One source as configuration (an entry of <c>default-sources.json</c> or of a <c>--config</c> file). Standard
/// protocols need nothing else; archive-specific APIs name their protocol and read their own settings from
/// <see cref="Parameters"/>.
/// </summary>
public sealed record SourceDefinition
{
    /// <summary>Required. Unique id: lower-case letters, digits, '-' and '.', e.g. <c>gaia-dr3</c>.</summary>
    public string? Id { get; init; }

    /// <summary>Required. The name users see, e.g. "Gaia DR3".</summary>
    public string? Title { get; init; }

    /// <summary>Required. catalogue, images, spectra, lightcurve or redshifts.</summary>
    public string? Kind { get; init; }

    /// <summary>
    /// Required. tap, scs, sia1, sia2, ssa, vizier (ASU), vizier-tap, or an archive-specific protocol
    /// (fink, gemini, ps1-cutouts, legacy-cutouts, ...).
    /// </summary>
    public string? Protocol { get; init; }

    /// <summary>Required. The service URL: TAP base, SCS/SIA/SSA access URL, VizieR ASU endpoint, API root.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Optional. Mirrors asked when the endpoint is slow (hedged): bare hosts, or whole URLs standing for the endpoint.</summary>
    public IReadOnlyList<string> Mirrors { get; init; } = [];

    /// <summary>TAP / VizieR: the table (<c>gaiadr3.gaia_source</c>, <c>II/246/out</c>) for the standard cone query.</summary>
    public string? Table { get; init; }

    /// <summary>TAP / VizieR: the right ascension column (ICRS degrees). TAP default <c>ra</c>, VizieR TAP <c>RAJ2000</c>.</summary>
    public string? RaColumn { get; init; }

    /// <summary>TAP / VizieR: the declination column. TAP default <c>dec</c>, VizieR TAP <c>DEJ2000</c>.</summary>
    public string? DecColumn { get; init; }

    /// <summary>Columns to return; empty for the service's default (VizieR) or all (TAP).</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>
    /// TAP: a whole ADQL template instead of <see cref="Table"/>, with placeholders {ra}, {dec}, {radius} (degrees)
    /// and {maxrec}, filled only with typed literals.
    /// </summary>
    public string? Adql { get; init; }

    /// <summary>TAP: run as an asynchronous (UWS) job instead of sync. Default false.</summary>
    public bool Async { get; init; }

    /// <summary>Row limit (TOP/MAXREC/-out.max). Default 2000.</summary>
    public long? MaxRows { get; init; }

    /// <summary>Time budget for the whole request, seconds. Default 30.</summary>
    public double? BudgetSeconds { get; init; }

    /// <summary>How long answers are cached, hours; 0 never caches (alert brokers). Default 24.</summary>
    public double? CacheHours { get; init; }

    /// <summary>Asked by CAT=DEFAULT (or by default, for images). Default true.</summary>
    public bool? Default { get; init; }

    /// <summary>Other names accepted in CAT=, e.g. ZTF.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Access group whose members alone may see this source; null for public data.</summary>
    public string? Group { get; init; }

    /// <summary>A fixed search radius, arcsec, instead of the one from FOV and ERR.</summary>
    public double? RadiusArcsec { get; init; }

    /// <summary>Largest answer read, MiB; the rest is cut and the answer marked truncated. Default 256.</summary>
    public double? MaxMegabytes { get; init; }

    /// <summary>Where the source has data: a MOC, or a declination band. Positions outside are answered "no coverage" at once.</summary>
    public SourceCoverage? Coverage { get; init; }

    /// <summary>Fixed extra request parameters (SIA FORMAT, SSA FORMAT, VizieR -out.add ...), or archive-specific settings.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>What the source is, shown with it; caveats and what is unconfirmed about its interface.</summary>
    public string? Description { get; init; }

    /// <summary>In a --config file: true removes the default entry with this id.</summary>
    public bool Disabled { get; init; }

    /// <summary>Any property this version does not know: reported, because a misspelt setting must not be silently ignored.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Where a source has data.</summary>
public sealed record SourceCoverage
{
    /// <summary>A MOC in ASCII form (<c>3/1-5 4/100</c>).</summary>
    public string? Moc { get; init; }

    /// <summary>Southern limit of a declination band, degrees.</summary>
    public double? DecMin { get; init; }

    /// <summary>Northern limit of a declination band, degrees.</summary>
    public double? DecMax { get; init; }

    /// <summary>Any property this version does not know.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Unknown { get; init; }
}
