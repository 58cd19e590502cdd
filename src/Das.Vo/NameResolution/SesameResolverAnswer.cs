namespace Das.Vo.NameResolution;

/// <summary>What one database (SIMBAD, NED, VizieR) behind Sesame said about a name.</summary>
public sealed record SesameResolverAnswer
{
    /// <summary>The resolver's name as Sesame wrote it, e.g. "S=Simbad (CDS, via client/server)".</summary>
    public required string ResolverName { get; init; }
    /// <summary>The database, from the letter before '=': SIMBAD, NED, VizieR, or the raw name.</summary>
    public required string Database { get; init; }
    /// <summary>ICRS (J2000) right ascension in degrees, when found.</summary>
    public double? RaDeg { get; init; }
    /// <summary>ICRS (J2000) declination in degrees, when found.</summary>
    public double? DecDeg { get; init; }
    /// <summary>The database's main name for the object (oname).</summary>
    public string? ObjectName { get; init; }
    /// <summary>The object type (otype).</summary>
    public string? ObjectType { get; init; }
    /// <summary>Other identifiers (alias), when asked for.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>INFO and ERROR texts (e.g. "*** Nothing found ***").</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>True when this resolver gave a position.</summary>
    public bool HasPosition => RaDeg is not null && DecDeg is not null;
}
