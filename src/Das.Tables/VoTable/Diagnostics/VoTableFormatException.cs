namespace Das.Tables.VoTable.Diagnostics;

/// <summary>Thrown in <see cref="VoTableStrictness.Strict"/> mode at the first error-severity diagnostic.</summary>
public sealed class VoTableFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="diagnostic"/>.</summary>
    public VoTableFormatException(VoTableDiagnostic diagnostic)
        : base(diagnostic?.ToString())
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        Diagnostic = diagnostic;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public VoTableFormatException()
        : this(new VoTableDiagnostic { Code = "E00", Severity = DiagnosticSeverity.Error, Message = "invalid document" })
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public VoTableFormatException(string message)
        : this(new VoTableDiagnostic { Code = "E00", Severity = DiagnosticSeverity.Error, Message = message })
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public VoTableFormatException(string message, Exception innerException)
        : base(message, innerException) =>
        Diagnostic = new VoTableDiagnostic { Code = "E00", Severity = DiagnosticSeverity.Error, Message = message };

    /// <summary>The diagnostic that stopped reading.</summary>
    public VoTableDiagnostic Diagnostic { get; }
}
