namespace Das.Imaging;

/// <summary>The input of a build is unusable (no file, not FITS, no sky WCS, a bad parameter); the message says which and why.</summary>
public sealed class ImagingInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImagingInputException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ImagingInputException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ImagingInputException() : base("the imaging input is unusable")
    {
    }
}
