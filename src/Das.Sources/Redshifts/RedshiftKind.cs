namespace Das.Sources.Redshifts;

/// <summary>How a redshift was measured, when the catalogue says.</summary>
public enum RedshiftKind
{
    /// <summary>Nobody said (or the catalogue mixes both in one column).</summary>
    Unknown,
    /// <summary>From a spectrum (lines or cross-correlation).</summary>
    Spectroscopic,
    /// <summary>From photometry (a photometric redshift).</summary>
    Photometric,
}
