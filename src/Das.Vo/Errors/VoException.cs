namespace Das.Vo.Errors;

/// <summary>
/// Something went wrong talking to one VO service. Every subclass names the service URL and carries
/// <see cref="Reason"/>, one sentence a user understands, in the service's own words where it gave any.
/// </summary>
public abstract class VoException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected VoException(Uri serviceUri, string reason, Exception? inner = null)
        : base($"{reason} ({serviceUri})", inner)
    {
        ServiceUri = serviceUri;
        Reason = reason;
    }

    /// <summary>The exact URL that was requested.</summary>
    public Uri ServiceUri { get; }

    /// <summary>What went wrong, as one sentence for the user.</summary>
    public string Reason { get; }

    /// <summary>True when trying again later may succeed (a dropped connection, 503, a timeout).</summary>
    public abstract bool IsTransient { get; }

    /// <summary>Which step failed.</summary>
    public abstract VoFailureKind Kind { get; }
}
