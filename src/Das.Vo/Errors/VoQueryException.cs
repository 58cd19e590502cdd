namespace Das.Vo.Errors;

/// <summary>The service ran the request and said it failed (QUERY_STATUS=ERROR, a UWS job in phase ERROR): its text verbatim.</summary>
public sealed class VoQueryException : VoException
{
    /// <summary>Creates the exception.</summary>
    public VoQueryException(Uri serviceUri, string serviceMessage)
        : base(serviceUri, $"the service reported an error: {serviceMessage}")
    {
        ServiceMessage = serviceMessage;
    }

    /// <summary>The service's own message.</summary>
    public string ServiceMessage { get; }

    /// <inheritdoc/>
    public override bool IsTransient => false;

    /// <inheritdoc/>
    public override VoFailureKind Kind => VoFailureKind.Query;
}
