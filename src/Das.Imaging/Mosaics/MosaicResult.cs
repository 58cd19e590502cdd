using Das.Imaging.Fits;

namespace Das.Imaging.Mosaics;

/// <summary>A mosaic Montage built: the FITS image, its coverage map, a PNG preview, and the WCS read back from the FITS header.</summary>
public sealed record MosaicResult
{
    /// <summary>The mosaic (FITS, 64-bit floats; NaN where no input covers).</summary>
    public required string FitsPath { get; init; }

    /// <summary>Montage's area image: the input area behind each mosaic pixel.</summary>
    public required string AreaPath { get; init; }

    /// <summary>The PNG preview (mViewer, grey, gaussian-log stretch, north up).</summary>
    public required string PngPath { get; init; }

    /// <summary>The header template the mosaic was projected onto.</summary>
    public required string HeaderPath { get; init; }

    /// <summary>The WCS of the mosaic, read back from its FITS header.</summary>
    public required TanWcs Wcs { get; init; }

    /// <summary>The images that went in (file names).</summary>
    public required IReadOnlyList<string> Used { get; init; }

    /// <summary>Images left out, each with Montage's reason (no overlap with the region, no usable WCS).</summary>
    public required IReadOnlyList<string> Skipped { get; init; }

    /// <summary>Every Montage command that ran, in order (the provenance).</summary>
    public required IReadOnlyList<string> Commands { get; init; }

    /// <summary>Wall time of the build.</summary>
    public required TimeSpan Elapsed { get; init; }
}
