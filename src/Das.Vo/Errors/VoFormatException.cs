namespace Das.Vo.Errors;

/// <summary>
/// The answer is not what the protocol promises: an HTML page instead of a VOTable, an empty body, malformed or
/// cut-off XML. <see cref="Excerpt"/> holds the start of what came back, for the user to see what the service sent.
/// </summary>
public sealed class VoFormatException : VoException
{
    /// <summary>Creates the exception.</summary>
    public VoFormatException(Uri serviceUri, string reason, string? excerpt = null, int? line = null, int? column = null, Exception? inner = null)
        : base(serviceUri, reason, inner)
    {
        Excerpt = excerpt;
        Line = line;
        Column = column;
    }

    /// <summary>The first characters of the answer (plain text; the UI escapes it), or null.</summary>
    public string? Excerpt { get; }

    /// <summary>Line of the problem in the answer, when known.</summary>
    public int? Line { get; }

    /// <summary>Column of the problem in the answer, when known.</summary>
    public int? Column { get; }

    /// <summary>A malformed answer is transient only in the sense that a cut-off transfer may succeed next time; we do not retry.</summary>
    public override bool IsTransient => false;

    /// <inheritdoc/>
    public override VoFailureKind Kind => VoFailureKind.Format;
}
