namespace Das.Jobs.Handlers;

/// <summary>
/// Thrown by a handler to fail its job with a message meant for the user: the tool's own error, or what to install
/// ("java not found: install the Debian package default-jre-headless").
/// </summary>
public sealed class JobFailedException : Exception
{
    /// <summary>Fails the job with this message.</summary>
    public JobFailedException(string message) : base(message) { }

    /// <summary>Fails the job with this message, keeping the cause for the log.</summary>
    public JobFailedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Fails the job with this message, keeping the results that were made before the failure (the files that did arrive).</summary>
    public JobFailedException(string message, IReadOnlyList<Model.JobResult> partialResults) : base(message) => PartialResults = partialResults;

    /// <summary>Results made before the failure; the job keeps them.</summary>
    public IReadOnlyList<Model.JobResult> PartialResults { get; } = [];

    /// <summary>For serializers; prefer the constructor with a message.</summary>
    public JobFailedException() : base("the job failed") { }
}
