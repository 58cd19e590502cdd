namespace Das.Vo.Errors;

/// <summary>The service did not answer within the time budget.</summary>
public sealed class VoTimeoutException : VoException
{
    /// <summary>Creates the exception.</summary>
    public VoTimeoutException(Uri serviceUri, TimeSpan budget, Exception? inner = null)
        : base(serviceUri, $"no answer within the time budget of {budget.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s", inner)
    {
        Budget = budget;
    }

    /// <summary>The budget that ran out.</summary>
    public TimeSpan Budget { get; }

    /// <inheritdoc/>
    public override bool IsTransient => true;

    /// <inheritdoc/>
    public override VoFailureKind Kind => VoFailureKind.Timeout;
}
