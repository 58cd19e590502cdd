namespace Das.Imaging.Mosaics;

/// <summary>What to mosaic: FITS images (files or folders) and, optionally, the region and pixel scale of the result.</summary>
public sealed record MosaicRequest
{
    /// <summary>FITS files or folders of them; each needs a celestial WCS.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>The region of the mosaic; null for the smallest north-up rectangle holding every input (Montage's mMakeHdr).</summary>
    public MosaicRegion? Region { get; init; }

    /// <summary>Pixel side in arcseconds; null for the finest of the inputs.</summary>
    public double? PixelScaleArcsec { get; init; }

    /// <summary>How overlapping pixels combine (Montage mAdd): <c>mean</c> (default), <c>median</c> or <c>count</c>.</summary>
    public string Combine { get; init; } = "mean";
}
