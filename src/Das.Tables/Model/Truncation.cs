namespace Das.Tables.Model;

/// <summary>Why a table holds fewer rows than its source: a value, never an exception.</summary>
/// <param name="Reason">What stopped reading.</param>
/// <param name="Message">A sentence for the user, e.g. "stopped at the row cap of 100000 rows".</param>
public sealed record Truncation(TruncationReason Reason, string Message);
