using System.Globalization;
using Das.Engine.Sources;
using Das.Tables.Model;

namespace Das.Engine.Execution;

/// <summary>One source's part of a query, as soon as it is known: what happened, the rows, how long it took and what was sent.</summary>
public sealed record SourceOutcome
{
    /// <summary>The source.</summary>
    public required SourceDescriptor Source { get; init; }

    /// <summary>How it ended.</summary>
    public required OutcomeStatus Status { get; init; }

    /// <summary>The rows, for <see cref="OutcomeStatus.Ok"/>, <see cref="OutcomeStatus.Empty"/> and <see cref="OutcomeStatus.Truncated"/>.</summary>
    public Table? Table { get; init; }

    /// <summary>Rows in <see cref="Table"/>.</summary>
    public int RowCount => Table?.RowCount ?? 0;

    /// <summary>From the start of the query to this outcome.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The exact request (URL, ADQL), when one was built.</summary>
    public string? Provenance { get; init; }

    /// <summary>
    /// One sentence for the user, starting with the source's title: why it failed, was skipped or is incomplete
    /// ("ESO: the service answered HTTP 503: Service Unavailable (after 2.1 s)"); null when all went well.
    /// </summary>
    public string? Message { get; init; }

    /// <summary>Where it failed, for <see cref="OutcomeStatus.Failed"/> and <see cref="OutcomeStatus.TimedOut"/>.</summary>
    public SourceFailureKind? Failure { get; init; }

    /// <summary>True when asking again later may help.</summary>
    public bool IsTransient { get; init; }

    /// <summary>How old the answer is, when it came from the cache; null when it was fetched for this query.</summary>
    public TimeSpan? CachedAge { get; init; }

    /// <summary>When the archive answered (now, or when the cached answer was fetched).</summary>
    public DateTimeOffset? FetchedAt { get; init; }

    /// <summary>Remarks about the answer (parser diagnostics, service warnings).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>A one-line summary: "Gaia DR3: 26 rows in 0.4 s", or the message.</summary>
    public string Summary => Status switch
    {
        OutcomeStatus.Ok or OutcomeStatus.Empty => string.Create(CultureInfo.InvariantCulture,
            $"{Source.Title}: {RowCount} row{(RowCount == 1 ? "" : "s")} in {Seconds(Elapsed)}{(CachedAge is { } age ? $" (cached, {Age(age)} old)" : "")}"),
        _ => Message ?? Status.ToString(),
    };

    /// <summary>Seconds with one decimal, as messages show them ("2.1 s").</summary>
    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>An age in the largest sensible unit ("40 s", "12 min", "3 h", "2 d").</summary>
    public static string Age(TimeSpan age) => age.TotalSeconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalSeconds)} s"),
        < 90 * 60 => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes} min"),
        < 48 * 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} d"),
    };
}
