using Das.Engine.Execution;
using Das.Engine.Sources;
using Das.Tables.Model;

namespace Das.Engine.CrossMatch;

/// <summary>One catalogue's part of a cross-match, as soon as it is known.</summary>
public sealed record CatalogueMatchOutcome
{
    /// <summary>The catalogue.</summary>
    public required SourceDescriptor Source { get; init; }

    /// <summary>How it ended: Ok (pairs), Empty (no pair), Truncated (candidates cut: pairs may be missing), Failed, TimedOut, Skipped.</summary>
    public required OutcomeStatus Status { get; init; }

    /// <summary>Where it was matched: "local" (a cone fetched and matched by Das) or "remote" (an upload matched by the archive); null when nothing ran.</summary>
    public string? Method { get; init; }

    /// <summary>The joined table (the list's columns, the catalogue's, <c>separation</c> in arcsec), when the match ran.</summary>
    public Table? Joined { get; init; }

    /// <summary>Pairs found.</summary>
    public int Pairs => Joined?.RowCount ?? 0;

    /// <summary>Rows of the list with at least one pair.</summary>
    public int MatchedRows { get; init; }

    /// <summary>Catalogue rows the archive returned as candidates.</summary>
    public int Candidates { get; init; }

    /// <summary>The exact request sent (URL and ADQL), one per request when a cone was followed by an upload.</summary>
    public IReadOnlyList<string> Provenance { get; init; } = [];

    /// <summary>One sentence starting with the source's title when it failed, was skipped or is incomplete; else null.</summary>
    public string? Message { get; init; }

    /// <summary>What was done and why (where it was matched, epochs), one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>From the start of the cross-match to this outcome.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>How old the archive's answer is, when it came from the cache.</summary>
    public TimeSpan? CachedAge { get; init; }
}
