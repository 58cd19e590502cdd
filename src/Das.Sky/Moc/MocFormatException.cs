namespace Das.Sky.Moc;

/// <summary>
/// A MOC in ASCII, JSON or FITS form could not be read. MOCs come from users and remote services, so every
/// malformed input ends here with a message and the position of the problem, never with an index error.
/// </summary>
public sealed class MocFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="MocFormatException"/> class.</summary>
    public MocFormatException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MocFormatException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    public MocFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MocFormatException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public MocFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MocFormatException"/> class.</summary>
    /// <param name="message">What is wrong (the position is appended).</param>
    /// <param name="position">Zero-based character (ASCII), byte (JSON, FITS) offset of the problem.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public MocFormatException(string message, long position, Exception? innerException = null)
        : base(FormattableString.Invariant($"{message} (at offset {position})"), innerException)
    {
        Position = position;
    }

    /// <summary>Gets the zero-based character (ASCII) or byte (JSON, FITS) offset of the problem; −1 when unknown.</summary>
    public long Position { get; } = -1;
}
