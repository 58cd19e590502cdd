namespace Das.Imaging.Tools;

/// <summary>
/// An external program ran and failed: it exited with an error code or printed its own error. The message is the
/// tool's own words (its last error lines), prefixed by the tool's name.
/// </summary>
public sealed class ToolFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolFailedException(string message, ToolResult? result = null) : base(message) => Result = result;

    /// <summary>Creates the exception with a generic message.</summary>
    public ToolFailedException() : base("an external tool failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ToolFailedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ToolFailedException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>The run, with its whole output; null when the failure was found before the process ended.</summary>
    public ToolResult? Result { get; }
}
