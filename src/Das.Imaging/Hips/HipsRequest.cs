namespace Das.Imaging.Hips;

/// <summary>
/// What to turn into a HiPS: FITS images (files, or folders whose <c>.fits</c>/<c>.fit</c>/<c>.fts</c> files are
/// taken) and Hipsgen's parameters. The access scope is part of the cache key, so a HiPS built from restricted
/// images is never found by anyone outside the group.
/// </summary>
public sealed record HipsRequest
{
    /// <summary>FITS files or folders of them.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>
    /// Who may see the HiPS: <c>public</c>, <c>group:NAME</c> (restricted data, as <c>AccessContext.ScopeOf</c>) or
    /// <c>owner:OWNER</c> (a job owner's own files). Part of the cache key; the web host checks it before serving.
    /// </summary>
    public string Scope { get; init; } = "public";

    /// <summary><c>obs_title</c>: the title viewers show; null for "Das HiPS of N images".</summary>
    public string? Title { get; init; }

    /// <summary><c>creator_did</c>; null for <c>ivo://das.local/P/hips/&lt;key&gt;</c>.</summary>
    public string? CreatorDid { get; init; }

    /// <summary><c>hips_order</c>: the deepest order; null lets Hipsgen match the images' resolution.</summary>
    public int? Order { get; init; }

    /// <summary><c>hips_pixel_cut</c> for the preview tiles, e.g. <c>0 2000 log</c>; null lets Hipsgen choose from the pixel histogram.</summary>
    public string? PixelCut { get; init; }

    /// <summary>Preview tiles: <c>png</c> (default; transparent outside the images) or <c>jpeg</c>.</summary>
    public string PreviewFormat { get; init; } = "png";
}
