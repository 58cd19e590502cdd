namespace Das.Vo.Errors;

/// <summary>No HTTP answer came back: the connection was refused or reset, the name did not resolve, TLS failed.</summary>
public sealed class VoTransportException : VoException
{
    /// <summary>Creates the exception.</summary>
    public VoTransportException(Uri serviceUri, string reason, Exception? inner = null)
        : base(serviceUri, reason, inner)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => true;

    /// <inheritdoc/>
    public override VoFailureKind Kind => VoFailureKind.Transport;
}
