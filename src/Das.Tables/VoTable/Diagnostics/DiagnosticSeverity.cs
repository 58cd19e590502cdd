namespace Das.Tables.VoTable.Diagnostics;

/// <summary>How serious a parser diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>A deviation from the specification that does not change what was read (e.g. a missing namespace).</summary>
    Warning,
    /// <summary>Data was lost or guessed (a bad cell became null, a stream was cut); in strict mode reading stops.</summary>
    Error,
}
