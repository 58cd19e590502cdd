using System.Text.Json;
using Das.Imaging.Mosaics;
using Das.Imaging.Tests.Integration;
using Das.Imaging.Tools;

namespace Das.Imaging.Tests.Mosaics;

/// <summary>Mosaics by Montage of the DaCHS peer's dithered images, checked against astropy (compare_mosaic.py).</summary>
[Trait("Category", "Integration")]
public sealed class MosaicBuilderTests
{
    private const double FrbRa = 334.02, FrbDec = -7.8988;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MosaicBuilder Builder(ImagingToolOptions? tools = null) => new(tools ?? ImagingPeers.Tools, ToolRunner.System, TimeProvider.System);

    private static string NewFolder() => Directory.CreateTempSubdirectory("das-mosaic-").FullName;

    private static double SeparationArcsec(double ra1, double dec1, double ra2, double dec2)
    {
        // Haversine: exact for the tiny separations compared here (acos loses milliarcseconds near 1).
        double r = Math.PI / 180;
        double h = Math.Pow(Math.Sin((dec2 - dec1) * r / 2), 2) + Math.Cos(dec1 * r) * Math.Cos(dec2 * r) * Math.Pow(Math.Sin((ra2 - ra1) * r / 2), 2);
        return 2 * Math.Asin(Math.Min(1, Math.Sqrt(h))) / r * 3600;
    }

    private static async Task<JsonElement> CompareAsync(MosaicResult mosaic, IReadOnlyList<string> inputs)
    {
        await ImagingPeers.RequireAstropyAsync(Ct);
        var script = Path.Combine(AppContext.BaseDirectory, "Mosaics", "Fixtures", "compare_mosaic.py");
        var run = await ToolRunner.System.RunAsync(new ToolCommand
        {
            FileName = ImagingPeers.Python,
            Arguments = [script, mosaic.FitsPath, .. inputs],
            DisplayName = "compare_mosaic.py",
            InstallHint = "apt-get install python3-astropy python3-scipy",
        }, null, Ct);
        Assert.True(run.ExitCode == 0, run.StandardError);
        return JsonDocument.Parse(run.StandardOutput).RootElement;
    }

    [Fact]
    public async Task Mosaic_of_the_three_frb_host_images_is_centred_on_the_field_at_their_2_arcsec_scale()
    {
        ImagingPeers.RequireMontage();
        var inputs = await DachsImages.FieldAsync("frb_host", Ct);
        var progress = new ListProgress<ImagingProgress>();
        var mosaic = await Builder().BuildAsync(new MosaicRequest { Inputs = inputs }, NewFolder(), progress, Ct);
        Assert.Equal(3, mosaic.Used.Count);
        Assert.Empty(mosaic.Skipped);
        // The dithers are up to 20″, so the union's centre is within 20″ of the field's.
        Assert.InRange(SeparationArcsec(mosaic.Wcs.RaDeg, mosaic.Wcs.DecDeg, FrbRa, FrbDec), 0, 20);
        Assert.Equal(2.0, mosaic.Wcs.PixelScaleArcsec, 0.01);
        // 200 pixels plus the dithers: between 200 and 200 + 2 x 20″/2″ on each side.
        Assert.InRange(mosaic.Wcs.Width, 200, 222);
        Assert.InRange(mosaic.Wcs.Height, 200, 222);
        Assert.True(new FileInfo(mosaic.PngPath).Length > 1000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(mosaic.PngPath)[..4]);
        Assert.True(File.Exists(mosaic.AreaPath));
        Assert.Equal(["mImgtbl", "mMakeHdr", "mProjectPP", "mProjectPP", "mProjectPP", "mImgtbl", "mAdd", "mViewer"],
            mosaic.Commands.Select(c => Path.GetFileName(c.Split(' ')[0])));
        // Progress per step and per image, in order, to the end.
        Assert.Equal(MosaicBuilder.Steps, progress.Items.Select(p => p.Step).Distinct());
        Assert.Contains(progress.Items, p => p.Message.StartsWith("mProjectPP 2 of 3: frb_host_i_03.fits", StringComparison.Ordinal));
        Assert.Equal(1.0, progress.Items[^1].Fraction, 9);
        Assert.Equal(progress.Items.Select(p => p.Fraction).Order(), progress.Items.Select(p => p.Fraction));
        // The work folder (links, reprojected images) is gone; the results stay.
        Assert.Equal(["mosaic.fits", "mosaic.hdr", "mosaic.png", "mosaic_area.fits"],
            Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(mosaic.FitsPath)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Mosaic_pixels_agree_with_the_inputs_sampled_by_astropy_at_the_same_sky_positions()
    {
        ImagingPeers.RequireMontage();
        var inputs = await DachsImages.FieldAsync("frb_host", Ct);
        var mosaic = await Builder().BuildAsync(new MosaicRequest { Inputs = inputs }, NewFolder(), null, Ct);
        var truth = await CompareAsync(mosaic, inputs);
        double noise = truth.GetProperty("noise").GetDouble();
        Assert.True(truth.GetProperty("pixels_with_3_inputs").GetInt32() > 30_000, truth.ToString());
        Assert.True(truth.GetProperty("median_abs_residual").GetDouble() < 0.05 * noise, truth.ToString());
        Assert.True(truth.GetProperty("p99_abs_residual").GetDouble() < 0.5 * noise, truth.ToString());
        Assert.True(truth.GetProperty("correlation").GetDouble() > 0.999, truth.ToString());
        Assert.Equal(1.0, truth.GetProperty("flux_ratio").GetDouble(), 0.001);
        // Das's TAN WCS read back from the mosaic's header gives astropy's sky positions.
        foreach (var sample in truth.GetProperty("wcs_samples").EnumerateArray())
        {
            var (ra, dec) = mosaic.Wcs.PixelToSky(sample.GetProperty("x").GetDouble(), sample.GetProperty("y").GetDouble());
            Assert.InRange(SeparationArcsec(ra, dec, sample.GetProperty("ra").GetDouble(), sample.GetProperty("dec").GetDouble()), 0, 1e-3);
        }
    }

    [Fact]
    public async Task A_10_by_10_arcmin_region_gives_a_300_pixel_square_and_leaves_out_an_image_elsewhere_with_montages_reason()
    {
        ImagingPeers.RequireMontage();
        var inputs = (await DachsImages.FieldAsync("frb_host", Ct)).Append((await DachsImages.FieldAsync("ngc6302", Ct))[0]).ToList();
        var region = new MosaicRegion(FrbRa, FrbDec, 10.0 / 60, 10.0 / 60);
        var mosaic = await Builder().BuildAsync(new MosaicRequest { Inputs = inputs, Region = region }, NewFolder(), null, Ct);
        Assert.Equal(300, mosaic.Wcs.Width);
        Assert.Equal(300, mosaic.Wcs.Height);
        Assert.Equal(FrbRa, mosaic.Wcs.RaDeg, 1e-9);
        Assert.Equal(FrbDec, mosaic.Wcs.DecDeg, 1e-9);
        Assert.Equal(0, mosaic.Wcs.Cd12, 12);
        Assert.True(mosaic.Wcs.Cd11 < 0 && mosaic.Wcs.Cd22 > 0, "north up, east left");
        Assert.Equal(3, mosaic.Used.Count);
        var skipped = Assert.Single(mosaic.Skipped);
        Assert.Equal("ngc6302_g_04.fits: No overlap", skipped);
        var truth = await CompareAsync(mosaic, inputs);
        Assert.True(truth.GetProperty("median_abs_residual").GetDouble() < 0.05 * truth.GetProperty("noise").GetDouble(), truth.ToString());
    }

    [Fact]
    public async Task A_region_where_no_image_lies_fails_with_each_images_reason()
    {
        ImagingPeers.RequireMontage();
        var inputs = await DachsImages.FieldAsync("f307", Ct);
        var ex = await Assert.ThrowsAsync<ImagingInputException>(() =>
            Builder().BuildAsync(new MosaicRequest { Inputs = inputs, Region = new MosaicRegion(FrbRa, FrbDec, 0.1, 0.1) }, NewFolder(), null, Ct));
        Assert.Equal("no input image overlaps the mosaic's region: f307_g_07.fits: No overlap; f307_i_09.fits: No overlap; f307_r_08.fits: No overlap", ex.Message);
    }

    [Fact]
    public async Task Images_without_a_sky_wcs_are_refused_with_the_reason()
    {
        var folder = NewFolder();
        var image = ImagingPeers.WriteFits(Path.Combine(folder, "plain.fits"), 8, 8);
        var ex = await Assert.ThrowsAsync<ImagingInputException>(() =>
            Builder().BuildAsync(new MosaicRequest { Inputs = [image] }, Path.Combine(folder, "out"), null, Ct));
        Assert.Equal("no input image has a celestial WCS: plain.fits: no celestial WCS (CD or CDELT) in its header", ex.Message);
    }

    [Fact]
    public async Task Missing_montage_fails_with_the_package_to_install()
    {
        var folder = NewFolder();
        var image = ImagingPeers.WriteFits(Path.Combine(folder, "one.fits"), 8, 8);
        var ex = await Assert.ThrowsAsync<ToolMissingException>(() =>
            Builder(ImagingPeers.Tools with { MontageDirectory = "/nonexistent/montage" }).BuildAsync(new MosaicRequest { Inputs = [image] }, Path.Combine(folder, "out"), null, Ct));
        Assert.Equal("Mosaics need Montage, the Debian package montage: apt-get install montage (/nonexistent/montage/mImgtbl was not found)", ex.Message);
    }

    [Fact]
    public async Task Bad_combine_and_oversized_regions_are_refused_before_montage_runs()
    {
        var folder = NewFolder();
        var image = ImagingPeers.WriteFits(Path.Combine(folder, "one.fits"), 8, 8);
        var combine = await Assert.ThrowsAsync<ImagingInputException>(() =>
            Builder().BuildAsync(new MosaicRequest { Inputs = [image], Combine = "sum" }, Path.Combine(folder, "out"), null, Ct));
        Assert.Equal("combine 'sum' is not mean, median or count", combine.Message);
        var region = Assert.Throws<ImagingInputException>(() => MosaicBuilder.RegionHeader(new MosaicRegion(10, 41, 12, 1), 2));
        Assert.Equal("region size 12 x 1 degrees is not in (0, 10]", region.Message);
    }
}
