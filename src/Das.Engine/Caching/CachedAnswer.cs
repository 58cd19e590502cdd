using System.ComponentModel;
using Das.Engine.Sources;

namespace Das.Engine.Caching;

/// <summary>
/// A source's answer as the cache keeps it: the answer, when the archive gave it, and what was sent. Marked
/// immutable so the in-memory cache hands out the same instance to every reader instead of copying the table.
/// </summary>
[ImmutableObject(true)]
public sealed class CachedAnswer
{
    /// <summary>Creates the entry.</summary>
    public CachedAnswer(SourceAnswer answer, DateTimeOffset fetchedAt, string provenance)
    {
        Answer = answer;
        FetchedAt = fetchedAt;
        Provenance = provenance;
    }

    /// <summary>The answer.</summary>
    public SourceAnswer Answer { get; }

    /// <summary>When the archive answered.</summary>
    public DateTimeOffset FetchedAt { get; }

    /// <summary>The request that was sent.</summary>
    public string Provenance { get; }

    /// <summary>
    /// Which fetch of this process produced the entry (increasing); 0 when it came from outside the process
    /// (Redis). Lets a caller tell an answer fetched while it waited from one that was already cached.
    /// </summary>
    internal long FetchNumber { get; init; }
}
