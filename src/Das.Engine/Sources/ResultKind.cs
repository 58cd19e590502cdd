namespace Das.Engine.Sources;

/// <summary>What a source's rows are.</summary>
public enum ResultKind
{
    /// <summary>Catalogue rows: one per astronomical source.</summary>
    Catalogue,
    /// <summary>Images: one row per image, with its access URL.</summary>
    Images,
    /// <summary>Spectra: one row per spectrum.</summary>
    Spectra,
    /// <summary>Light curves: detections over time.</summary>
    LightCurve,
    /// <summary>Redshifts: one row per measured redshift.</summary>
    Redshifts,
}
