namespace Das.Imaging.Tools;

/// <summary>The program (or a file it needs, such as aladin.jar) is not on this machine; the message says what to install.</summary>
public sealed class ToolMissingException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> names what is missing and how to install it.</summary>
    public ToolMissingException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ToolMissingException() : base("an external tool is missing")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ToolMissingException(string message) : base(message)
    {
    }
}
