namespace Das.Tables.VoTable.Diagnostics;

/// <summary>What a reader does with the deviations it finds (astropy's <c>verify</c> option).</summary>
public enum VoTableStrictness
{
    /// <summary>Read what can be read and keep no diagnostics (failures are still reported).</summary>
    Ignore,
    /// <summary>Read what can be read and collect diagnostics on the result (the default).</summary>
    Warn,
    /// <summary>Collect warnings, but stop at the first error-severity diagnostic with <see cref="VoTableFormatException"/>.</summary>
    Strict,
}
