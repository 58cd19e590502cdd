using Das.Imaging.Fits;
using Das.Imaging.Tests.Integration;

namespace Das.Imaging.Tests.Fits;

public sealed class FitsHeaderTests
{
    [Fact]
    public void Strings_with_quotes_d_exponents_and_comments_read_as_written()
    {
        var folder = Directory.CreateTempSubdirectory("das-fits-").FullName;
        var path = ImagingPeers.WriteFits(Path.Combine(folder, "h.fits"), 2, 2,
            "OBJECT  = 'O''Brien field'     / a quote inside",
            "CRVAL1  =        1.5D2 / FORTRAN exponent",
            "CTYPE1  = 'RA---TAN'",
            "CTYPE2  = 'DEC--TAN'",
            "CRVAL2  =              -7.8988",
            "CRPIX1  =                  1.0",
            "CRPIX2  =                  1.0",
            "CDELT1  =          -0.00055556",
            "CDELT2  =           0.00055556",
            "CROTA2  =                 30.0");
        var header = FitsHeader.ReadPrimary(path);
        Assert.Equal("O'Brien field", header.GetString("OBJECT"));
        Assert.Equal(150.0, header.GetDouble("CRVAL1"));
        Assert.Equal(2, header.GetInt("NAXIS1"));
        Assert.Null(header.GetDouble("OBJECT"));
        var wcs = TanWcs.FromHeader(header, "h.fits");
        Assert.Equal(2.0, wcs.PixelScaleArcsec, 0.001);
        // A round trip through the projection and its inverse, with the rotation.
        var (ra, dec) = wcs.PixelToSky(120.25, -40.5);
        var (x, y) = wcs.SkyToPixel(ra, dec)!.Value;
        Assert.Equal(120.25, x, 1e-7);
        Assert.Equal(-40.5, y, 1e-7);
    }

    [Fact]
    public void A_file_that_is_not_fits_or_has_no_end_is_refused_with_its_name()
    {
        var folder = Directory.CreateTempSubdirectory("das-fits-").FullName;
        var html = Path.Combine(folder, "page.fits");
        File.WriteAllText(html, new string('x', 3000));
        Assert.Equal($"{html} is not a FITS file (it does not start with SIMPLE or XTENSION)", Assert.Throws<InvalidDataException>(() => FitsHeader.ReadPrimary(html)).Message);
        var cut = Path.Combine(folder, "cut.fits");
        File.WriteAllText(cut, "SIMPLE  =                    T".PadRight(80));
        Assert.Contains("ends without an END card", Assert.Throws<InvalidDataException>(() => FitsHeader.ReadPrimary(cut)).Message, StringComparison.Ordinal);
    }
}
