namespace Das.Vo.Http;

/// <summary>How one call to a service may behave: its total time budget, retries and mirrors.</summary>
public sealed record VoCallOptions
{
    /// <summary>Everything (connect, retries, hedges, reading the body) must finish within this. Default 30 s.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries after a transient failure (connection error, 408/429/502/503/504), only for GET requests (idempotent),
    /// and only while the budget lasts. Default 2; 0 disables.
    /// </summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>First retry delay; doubled each time, with jitter, and raised to a Retry-After the service sent. Default 250 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Mirrors of the service (scheme, host and port replace the request's; the path stays): when the primary has not
    /// answered after <see cref="HedgeDelay"/>, the same request goes to the next mirror and the first answer wins.
    /// </summary>
    public IReadOnlyList<Uri> Mirrors { get; init; } = [];

    /// <summary>How long to wait for an answer before asking the next mirror. Default 2 s.</summary>
    public TimeSpan HedgeDelay { get; init; } = TimeSpan.FromSeconds(2);
}
