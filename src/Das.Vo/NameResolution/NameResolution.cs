namespace Das.Vo.NameResolution;

/// <summary>The outcome of resolving an object name: found (by whom), unknown, ambiguous, or no resolver reachable.</summary>
public sealed record NameResolution
{
    /// <summary>The name as asked.</summary>
    public required string Name { get; init; }
    /// <summary>What happened.</summary>
    public required NameResolutionStatus Status { get; init; }
    /// <summary>ICRS right ascension, degrees, when found.</summary>
    public double? RaDeg { get; init; }
    /// <summary>ICRS declination, degrees, when found.</summary>
    public double? DecDeg { get; init; }
    /// <summary>The database's main name for the object.</summary>
    public string? ObjectName { get; init; }
    /// <summary>The object type, when given.</summary>
    public string? ObjectType { get; init; }
    /// <summary>Who answered: "SIMBAD via Sesame", "NED via Sesame", "SIMBAD TAP".</summary>
    public string? ResolvedBy { get; init; }
    /// <summary>For an ambiguous name: the candidates, each as "name (database) at ra dec".</summary>
    public IReadOnlyList<string> Candidates { get; init; } = [];
    /// <summary>What each resolver said or why it could not be asked, for the user.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];
}

/// <summary>The kinds of name-resolution outcome.</summary>
public enum NameResolutionStatus
{
    /// <summary>One position was found.</summary>
    Found,
    /// <summary>Every resolver that answered said it does not know the name.</summary>
    Unknown,
    /// <summary>The name matches objects at different places; the candidates are listed.</summary>
    Ambiguous,
    /// <summary>No resolver could be asked (network, errors): see the messages.</summary>
    Failed,
}
