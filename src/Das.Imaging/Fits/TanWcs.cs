namespace Das.Imaging.Fits;

/// <summary>
/// A gnomonic (TAN) world coordinate system of a celestial image (Calabretta &amp; Greisen 2002, FITS WCS paper II):
/// reference point, reference pixel (1-based, FITS convention) and the CD matrix in degrees per pixel. Reads
/// <c>CD<i>i</i>_<i>j</i></c>, or <c>CDELT<i>i</i></c> with <c>PC<i>i</i>_<i>j</i></c> or <c>CROTA2</c>.
/// </summary>
public sealed record TanWcs
{
    /// <summary>CRVAL1: right ascension of the reference point, degrees.</summary>
    public required double RaDeg { get; init; }
    /// <summary>CRVAL2: declination of the reference point, degrees.</summary>
    public required double DecDeg { get; init; }
    /// <summary>CRPIX1 (1-based).</summary>
    public required double RefPixelX { get; init; }
    /// <summary>CRPIX2 (1-based).</summary>
    public required double RefPixelY { get; init; }
    /// <summary>CD1_1, degrees per pixel.</summary>
    public required double Cd11 { get; init; }
    /// <summary>CD1_2.</summary>
    public required double Cd12 { get; init; }
    /// <summary>CD2_1.</summary>
    public required double Cd21 { get; init; }
    /// <summary>CD2_2.</summary>
    public required double Cd22 { get; init; }
    /// <summary>NAXIS1: image width in pixels.</summary>
    public required long Width { get; init; }
    /// <summary>NAXIS2: image height in pixels.</summary>
    public required long Height { get; init; }

    /// <summary>The side of a pixel in arcseconds (square root of the CD determinant).</summary>
    public double PixelScaleArcsec => Math.Sqrt(Math.Abs(Cd11 * Cd22 - Cd12 * Cd21)) * 3600;

    /// <summary>Reads the WCS of a header, or says why it cannot.</summary>
    /// <exception cref="InvalidDataException">Not a two-axis RA---TAN/DEC--TAN image, or a keyword is missing.</exception>
    public static TanWcs FromHeader(FitsHeader header, string name)
    {
        ArgumentNullException.ThrowIfNull(header);
        var ctype1 = header.GetString("CTYPE1") ?? "";
        var ctype2 = header.GetString("CTYPE2") ?? "";
        if (!ctype1.StartsWith("RA---TAN", StringComparison.Ordinal) || !ctype2.StartsWith("DEC--TAN", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}: CTYPE1/CTYPE2 are '{ctype1}'/'{ctype2}', not RA---TAN/DEC--TAN");
        }
        double Need(string key) => header.GetDouble(key) ?? throw new InvalidDataException($"{name}: the header has no {key}");
        double cd11, cd12, cd21, cd22;
        if (header.Contains("CD1_1") || header.Contains("CD2_2"))
        {
            cd11 = header.GetDouble("CD1_1") ?? 0;
            cd12 = header.GetDouble("CD1_2") ?? 0;
            cd21 = header.GetDouble("CD2_1") ?? 0;
            cd22 = header.GetDouble("CD2_2") ?? 0;
        }
        else
        {
            double cdelt1 = Need("CDELT1"), cdelt2 = Need("CDELT2");
            double pc11 = 1, pc12 = 0, pc21 = 0, pc22 = 1;
            if (header.Contains("PC1_1") || header.Contains("PC1_2") || header.Contains("PC2_1") || header.Contains("PC2_2"))
            {
                pc11 = header.GetDouble("PC1_1") ?? 1;
                pc12 = header.GetDouble("PC1_2") ?? 0;
                pc21 = header.GetDouble("PC2_1") ?? 0;
                pc22 = header.GetDouble("PC2_2") ?? 1;
            }
            else if (header.GetDouble("CROTA2") is double rotation)
            {
                double r = rotation * Math.PI / 180;
                pc11 = Math.Cos(r);
                pc12 = -Math.Sin(r) * cdelt2 / cdelt1;
                pc21 = Math.Sin(r) * cdelt1 / cdelt2;
                pc22 = Math.Cos(r);
            }
            cd11 = cdelt1 * pc11;
            cd12 = cdelt1 * pc12;
            cd21 = cdelt2 * pc21;
            cd22 = cdelt2 * pc22;
        }
        if (cd11 * cd22 - cd12 * cd21 == 0)
        {
            throw new InvalidDataException($"{name}: the CD matrix is singular");
        }
        return new TanWcs
        {
            RaDeg = Need("CRVAL1"),
            DecDeg = Need("CRVAL2"),
            RefPixelX = Need("CRPIX1"),
            RefPixelY = Need("CRPIX2"),
            Cd11 = cd11,
            Cd12 = cd12,
            Cd21 = cd21,
            Cd22 = cd22,
            Width = header.GetInt("NAXIS1") ?? 0,
            Height = header.GetInt("NAXIS2") ?? 0,
        };
    }

    /// <summary>The sky position (degrees) of a pixel position (1-based FITS pixel coordinates).</summary>
    public (double RaDeg, double DecDeg) PixelToSky(double x, double y)
    {
        double dx = x - RefPixelX, dy = y - RefPixelY;
        double xi = (Cd11 * dx + Cd12 * dy) * Math.PI / 180;
        double eta = (Cd21 * dx + Cd22 * dy) * Math.PI / 180;
        double d0 = DecDeg * Math.PI / 180;
        double denominator = Math.Cos(d0) - eta * Math.Sin(d0);
        double ra = RaDeg + Math.Atan2(xi, denominator) * 180 / Math.PI;
        double dec = Math.Atan2(eta * Math.Cos(d0) + Math.Sin(d0), Math.Sqrt(xi * xi + denominator * denominator)) * 180 / Math.PI;
        return (((ra % 360) + 360) % 360, dec);
    }

    /// <summary>The pixel position (1-based) of a sky position, or null when it lies on the far hemisphere.</summary>
    public (double X, double Y)? SkyToPixel(double raDeg, double decDeg)
    {
        double a = raDeg * Math.PI / 180, d = decDeg * Math.PI / 180;
        double a0 = RaDeg * Math.PI / 180, d0 = DecDeg * Math.PI / 180;
        double cosC = Math.Sin(d0) * Math.Sin(d) + Math.Cos(d0) * Math.Cos(d) * Math.Cos(a - a0);
        if (cosC <= 0)
        {
            return null;
        }
        double xi = Math.Cos(d) * Math.Sin(a - a0) / cosC * 180 / Math.PI;
        double eta = (Math.Cos(d0) * Math.Sin(d) - Math.Sin(d0) * Math.Cos(d) * Math.Cos(a - a0)) / cosC * 180 / Math.PI;
        double det = Cd11 * Cd22 - Cd12 * Cd21;
        double dx = (Cd22 * xi - Cd12 * eta) / det;
        double dy = (-Cd21 * xi + Cd11 * eta) / det;
        return (dx + RefPixelX, dy + RefPixelY);
    }

    /// <summary>The sky positions of the image's four outer corners (pixel edges), for a footprint on the sky.</summary>
    public IReadOnlyList<(double RaDeg, double DecDeg)> Corners() =>
    [
        PixelToSky(0.5, 0.5),
        PixelToSky(Width + 0.5, 0.5),
        PixelToSky(Width + 0.5, Height + 0.5),
        PixelToSky(0.5, Height + 0.5),
    ];

    /// <summary>The sky position of the image's centre.</summary>
    public (double RaDeg, double DecDeg) Centre() => PixelToSky((Width + 1) / 2.0, (Height + 1) / 2.0);
}
