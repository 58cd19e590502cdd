namespace Das.Vo.NameResolution;

/// <summary>
/// Where names are resolved: Sesame and its mirrors, then SIMBAD's TAP service and its mirrors. The defaults are the
/// public services; tests and private deployments point them elsewhere.
/// </summary>
public sealed record NameResolverServices
{
    /// <summary>The public services: Sesame at CDS (mirror at CfA), SIMBAD TAP at CDS (mirror at CfA).</summary>
    public static NameResolverServices Public { get; } = new();

    /// <summary>Sesame's endpoint (ends with nph-sesame/).</summary>
    public Uri Sesame { get; init; } = SesameQuery.DefaultEndpoint;

    /// <summary>Sesame mirrors, each the whole nph-sesame/ URL (the path differs between CDS and CfA).</summary>
    public IReadOnlyList<Uri> SesameMirrors { get; init; } = [SesameQuery.MirrorEndpoint];

    /// <summary>SIMBAD's TAP base URL, or null to skip the fallback.</summary>
    public Uri? SimbadTap { get; init; } = NameResolver.SimbadTap;

    /// <summary>SIMBAD TAP mirrors (same path on another host).</summary>
    public IReadOnlyList<Uri> SimbadTapMirrors { get; init; } = [NameResolver.SimbadMirror];
}
