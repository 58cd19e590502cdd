using Das.Engine.Sources;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Sources.Protocols;

/// <summary>One image a cutout service will make on request: its band, URL, format and geometry.</summary>
/// <param name="Band">The filter or band combination, e.g. <c>r</c> or <c>griz</c>.</param>
/// <param name="Url">Where the image is made when opened.</param>
/// <param name="Format">MIME type: <c>image/fits</c>, <c>image/jpeg</c>.</param>
/// <param name="RaDeg">Centre right ascension, ICRS degrees.</param>
/// <param name="DecDeg">Centre declination, ICRS degrees.</param>
/// <param name="SizePixels">Width and height in pixels (square).</param>
/// <param name="PixelScaleArcsec">Arcseconds per pixel.</param>
/// <param name="Name">The archive's name of the image the cutout comes from, if any.</param>
internal sealed record ImageLink(string Band, Uri Url, string Format, double RaDeg, double DecDeg, int SizePixels, double PixelScaleArcsec, string? Name = null);

/// <summary>
/// The table of an image list: the same columns for every cutout service, with the UCDs image consumers look for
/// (meta.ref.url for the access URL, meta.code.mime for its format, pos.eq.*;meta.main for the centre).
/// </summary>
internal static class ImageLinks
{
    public static readonly IReadOnlyList<Field> Fields =
    [
        new() { Name = "band", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Ucd = "instr.bandpass", Description = "Filter, or the bands of a colour image" },
        new() { Name = "access_url", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Ucd = "meta.ref.url", Description = "URL that makes the image when opened" },
        new() { Name = "format", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Ucd = "meta.code.mime", Description = "MIME type of the image" },
        new() { Name = "ra", DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.ra;meta.main", Description = "Centre right ascension (ICRS)" },
        new() { Name = "dec", DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.dec;meta.main", Description = "Centre declination (ICRS)" },
        new() { Name = "size_px", DataType = VoDataType.Int, Unit = "pix", Ucd = "meta.number;instr.pixel", Description = "Width and height in pixels" },
        new() { Name = "pixel_scale", DataType = VoDataType.Double, Unit = "arcsec/pix", Ucd = "instr.scale", Description = "Angular size of a pixel" },
        new() { Name = "size", DataType = VoDataType.Double, Unit = "arcsec", Ucd = "phys.angSize", Description = "Width and height on the sky" },
        new() { Name = "image_name", DataType = VoDataType.Char, ArraySize = ArraySize.Variable, Ucd = "meta.id", Description = "The archive's image the cutout is made from" },
    ];

    public static Table Build(IEnumerable<ImageLink> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var table = Table.FromFields(Fields);
        var c = table.Columns;
        foreach (var image in images)
        {
            ((StringColumn)c[0]).Append(image.Band);
            ((StringColumn)c[1]).Append(image.Url.AbsoluteUri);
            ((StringColumn)c[2]).Append(image.Format);
            ((ScalarColumn<double>)c[3]).Append(image.RaDeg);
            ((ScalarColumn<double>)c[4]).Append(image.DecDeg);
            ((ScalarColumn<int>)c[5]).Append(image.SizePixels);
            ((ScalarColumn<double>)c[6]).Append(image.PixelScaleArcsec);
            ((ScalarColumn<double>)c[7]).Append(image.SizePixels * image.PixelScaleArcsec);
            if (image.Name is null)
            {
                c[8].AppendNull();
            }
            else
            {
                ((StringColumn)c[8]).Append(image.Name);
            }
        }
        return table;
    }

    /// <summary>
    /// The side of the square a cutout shows, arcsec: the query's field of view, or the diameter of the source's fixed
    /// radius (as SIA 1's SIZE).
    /// </summary>
    public static double FieldArcsec(SourceSearch search, SourceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(descriptor);
        return descriptor.RadiusDeg is double radius ? 2 * radius * 3600 : search.Query.FovArcmin * 60;
    }

    /// <summary>
    /// Pixels a side for a field of <paramref name="fieldArcsec"/> at <paramref name="pixelScaleArcsec"/>, and the scale
    /// actually used: a field that would need more than <paramref name="maxPixels"/> gets a coarser scale instead of
    /// being cut smaller than asked.
    /// </summary>
    public static (int Pixels, double Scale) Fit(double fieldArcsec, double pixelScaleArcsec, int maxPixels)
    {
        if (!(fieldArcsec > 0) || !double.IsFinite(fieldArcsec))
        {
            throw new ArgumentOutOfRangeException(nameof(fieldArcsec), fieldArcsec, "the field of view must be a positive number of arcseconds");
        }
        double pixels = Math.Ceiling(fieldArcsec / pixelScaleArcsec);
        return pixels <= maxPixels ? ((int)pixels, pixelScaleArcsec) : (maxPixels, fieldArcsec / maxPixels);
    }
}
