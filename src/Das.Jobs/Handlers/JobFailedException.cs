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

    /// <summary>For serializers; prefer the constructor with a message.</summary>
    public JobFailedException() : base("the job failed") { }
}
