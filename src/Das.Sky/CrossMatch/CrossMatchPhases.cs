namespace Das.Sky.CrossMatch;

/// <summary>
/// Where one <c>SkyCrossMatcher.Match</c> call spent its time, for profiling (<c>das xmatch --verbose</c>):
/// building the index, searching it, and choosing and ordering the pairs.
/// </summary>
public sealed class CrossMatchPhases
{
    /// <summary>Time to build the zone index of the indexed catalogue.</summary>
    public TimeSpan Index { get; internal set; }

    /// <summary>Time to look every row of the other catalogue up in the index.</summary>
    public TimeSpan Search { get; internal set; }

    /// <summary>Time to keep the pairs the mode asks for and put them in order.</summary>
    public TimeSpan Select { get; internal set; }

    /// <summary>Which catalogue was indexed: "A" or "B".</summary>
    public string IndexedSide { get; internal set; } = "";

    /// <summary>Candidates that reached the exact separation test.</summary>
    public long Candidates { get; internal set; }
}
