namespace Das.Engine;

/// <summary>Engine settings (configuration section <c>Das:Engine</c>).</summary>
public sealed record EngineOptions
{
    /// <summary>Requests in flight to one host at once. Default 6.</summary>
    public int MaxConcurrencyPerHost { get; init; } = 6;

    /// <summary>
    /// Redis connection string (StackExchange.Redis syntax, e.g. <c>127.0.0.1:6379</c>) for a cache shared by several
    /// Das instances and kept across restarts; null (the default) keeps answers in memory only. A Redis that is down
    /// or does not answer never fails a query: the cache is skipped (Das waits at most 1 s per Redis call unless the
    /// string sets <c>connectTimeout</c>, <c>asyncTimeout</c> or <c>syncTimeout</c>).
    /// </summary>
    public string? Redis { get; init; }

    /// <summary>Largest answer kept in the cache, bytes. Default 64 MiB; larger answers are served but not cached.</summary>
    public long MaxCachedAnswerBytes { get; init; } = 64L << 20;
}
