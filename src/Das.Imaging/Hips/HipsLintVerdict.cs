namespace Das.Imaging.Hips;

/// <summary>What Hipsgen's LINT said of a HiPS against the IVOA HiPS 1.0 standard.</summary>
public enum HipsLintVerdict
{
    /// <summary>"is not IVOA HiPS 1.0 compatible": an error (its text is in the warnings/errors).</summary>
    NotCompatible,
    /// <summary>"is IVOA HiPS 1.0 compatible but with warnings" (typically recommended keywords missing).</summary>
    CompatibleWithWarnings,
    /// <summary>"is fully IVOA HiPS 1.0 compatible".</summary>
    FullyCompatible,
}
