namespace Das.Jobs.Model;

/// <summary>
/// How far a running job is. Every field is optional: a handler reports what it knows. Handlers report through
/// <see cref="IProgress{T}"/>; the runner stores the latest value and publishes each one as a <see cref="JobEvent"/>.
/// </summary>
/// <param name="Fraction">Done so far, 0 to 1; null when unknown.</param>
/// <param name="Step">What the job is doing now, for people ("downloading 3 of 10: m31.fits", "tiling order 5").</param>
/// <param name="BytesDone">Bytes handled so far (downloads: received), when the job moves bytes.</param>
/// <param name="BytesTotal">Bytes expected in all, when known.</param>
/// <param name="BytesPerSecond">The recent rate, when the job moves bytes.</param>
/// <param name="EtaSeconds">Estimated seconds left, when the rate and the total are known.</param>
/// <param name="Files">Per-file progress for jobs over several files (downloads), in the job's file order; null otherwise.</param>
public sealed record JobProgress(
    double? Fraction = null,
    string? Step = null,
    long? BytesDone = null,
    long? BytesTotal = null,
    double? BytesPerSecond = null,
    double? EtaSeconds = null,
    IReadOnlyList<FileProgress>? Files = null);

/// <summary>One file's progress inside a job over several files.</summary>
/// <param name="Name">The file's name in the job's results.</param>
/// <param name="BytesDone">Bytes received so far.</param>
/// <param name="BytesTotal">Bytes expected, when the server declared them.</param>
/// <param name="BytesPerSecond">The recent rate for this file.</param>
/// <param name="EtaSeconds">Estimated seconds left for this file.</param>
/// <param name="State">waiting, running, done, failed, cancelled.</param>
/// <param name="Message">Why it failed, or a note (resumed at byte N, served from the store).</param>
public sealed record FileProgress(
    string Name,
    long BytesDone,
    long? BytesTotal,
    double? BytesPerSecond,
    double? EtaSeconds,
    string State,
    string? Message = null);
