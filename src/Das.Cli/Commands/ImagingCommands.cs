using System.CommandLine;
using System.Globalization;
using Das.Imaging;
using Das.Imaging.Hips;
using Das.Imaging.Mosaics;
using Das.Imaging.Tools;

namespace Das.Cli.Commands;

/// <summary>
/// <c>das hips DIR|FILES --out DIR</c> and <c>das mosaic FILES --out DIR</c>: the HiPS and mosaic builders run
/// locally, with one progress line per step on stderr (the server runs the same builders as jobs).
/// </summary>
internal static class ImagingCommands
{
    public static IEnumerable<Command> Create() => [Hips(), Mosaic()];

    private static Option<string> JavaOption() => new("--java") { Description = "The Java runtime for Hipsgen.", DefaultValueFactory = _ => new ImagingToolOptions().Java };

    private static Command Hips()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "FITS files, or folders of them (.fits, .fit, .fts).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "The new HiPS folder (must not exist or be empty).", Required = true };
        var title = new Option<string?>("--title") { Description = "obs_title (default: \"Das HiPS of N images\")." };
        var order = new Option<int?>("--order") { Description = "hips_order, 3-29 (default: Hipsgen's, matching the images' resolution)." };
        var cut = new Option<string?>("--pixel-cut") { Description = "Preview cut, e.g. \"0 2000 log\" (default: Hipsgen's, from the histogram)." };
        var preview = new Option<string>("--preview") { Description = "Preview tiles: png or jpeg.", DefaultValueFactory = _ => "png" };
        preview.AcceptOnlyFromAmong("png", "jpeg");
        var did = new Option<string?>("--creator-did") { Description = "creator_did, an ivo:// identifier (default: ivo://das.local/P/hips/local)." };
        var java = JavaOption();
        var jar = new Option<string>("--aladin-jar") { Description = "Aladin's jar, which holds Hipsgen.", DefaultValueFactory = _ => new ImagingToolOptions().AladinJar };
        var command = new Command("hips", "Build a HiPS from FITS images with Hipsgen (Debian aladin), then check it with Hipsgen's LINT and CHECK.")
        {
            inputs, output, title, order, cut, preview, did, java, jar,
        };
        command.SetAction(async (parse, ct) =>
        {
            var builder = new HipsBuilder(new ImagingToolOptions { Java = parse.GetValue(java)!, AladinJar = parse.GetValue(jar)! }, ToolRunner.System);
            var request = new HipsRequest
            {
                Inputs = parse.GetValue(inputs)!,
                Title = parse.GetValue(title),
                Order = parse.GetValue(order),
                PixelCut = parse.GetValue(cut),
                PreviewFormat = parse.GetValue(preview)!,
                CreatorDid = parse.GetValue(did),
            };
            return await RunAsync(parse, "hips", async progress =>
            {
                var build = await builder.BuildAsync(request, parse.GetValue(output)!, progress, ct);
                var p = build.Properties;
                return string.Create(CultureInfo.InvariantCulture,
                    $"HiPS in {build.Directory}: {build.InputCount} images, order {p.Order}, frame {p.Frame}, tiles {string.Join(' ', p.TileFormats)}; LINT: {Verdict(build.Lint)} ({build.LintWarnings.Count} warnings); CHECK passed; Hipsgen {build.Elapsed.TotalSeconds:0.0} s");
            });
        });
        return command;
    }

    private static Command Mosaic()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "FITS files, or folders of them, with a celestial WCS.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Folder for mosaic.fits, mosaic_area.fits, mosaic.png and mosaic.hdr.", Required = true };
        var ra = new Option<double?>("--ra") { Description = "Centre of the region, degrees (with --dec and --width)." };
        var dec = new Option<double?>("--dec") { Description = "Centre of the region, degrees." };
        var width = new Option<double?>("--width") { Description = "Width of the region, arcmin (default: all inputs)." };
        var height = new Option<double?>("--height") { Description = "Height of the region, arcmin (default: the width)." };
        var scale = new Option<double?>("--scale") { Description = "Pixel side, arcsec (default: the finest input's)." };
        var combine = new Option<string>("--combine") { Description = "How overlaps combine: mean, median or count.", DefaultValueFactory = _ => "mean" };
        combine.AcceptOnlyFromAmong("mean", "median", "count");
        var montage = new Option<string?>("--montage-dir") { Description = "Folder of Montage's programs (default: PATH)." };
        var command = new Command("mosaic", "Mosaic FITS images with Montage (Debian montage): reproject, co-add, PNG preview; the WCS is printed.")
        {
            inputs, output, ra, dec, width, height, scale, combine, montage,
        };
        command.SetAction(async (parse, ct) =>
        {
            MosaicRegion? region = null;
            if (parse.GetValue(width) is double w)
            {
                if (parse.GetValue(ra) is not double r || parse.GetValue(dec) is not double d)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync("das mosaic: --width needs --ra and --dec (degrees)");
                    return DasCli.UsageOrInputError;
                }
                region = new MosaicRegion(r, d, w / 60, (parse.GetValue(height) ?? w) / 60);
            }
            else if (parse.GetValue(ra) is not null || parse.GetValue(dec) is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("das mosaic: --ra and --dec need --width (arcmin)");
                return DasCli.UsageOrInputError;
            }
            var builder = new MosaicBuilder(new ImagingToolOptions { MontageDirectory = parse.GetValue(montage) }, ToolRunner.System, TimeProvider.System);
            var request = new MosaicRequest { Inputs = parse.GetValue(inputs)!, Region = region, PixelScaleArcsec = parse.GetValue(scale), Combine = parse.GetValue(combine)! };
            return await RunAsync(parse, "mosaic", async progress =>
            {
                var mosaic = await builder.BuildAsync(request, parse.GetValue(output)!, progress, ct);
                var wcs = mosaic.Wcs;
                var (cra, cdec) = wcs.Centre();
                var skipped = mosaic.Skipped.Count == 0 ? "" : "; left out: " + string.Join("; ", mosaic.Skipped);
                return string.Create(CultureInfo.InvariantCulture,
                    $"mosaic {mosaic.FitsPath}: {wcs.Width} x {wcs.Height} pixels of {wcs.PixelScaleArcsec:0.###}″, centre {cra:0.######} {cdec:+0.######;-0.######}, {mosaic.Used.Count} images{skipped}; preview {mosaic.PngPath}; {mosaic.Elapsed.TotalSeconds:0.0} s");
            });
        });
        return command;
    }

    /// <summary>Runs a build with progress lines on stderr; the summary on stdout; every failure as one sentence with exit code 2.</summary>
    private static async Task<int> RunAsync(ParseResult parse, string name, Func<IProgress<ImagingProgress>, Task<string>> build)
    {
        var error = parse.InvocationConfiguration.Error;
        var progress = new LineProgress(error);
        try
        {
            var summary = await build(progress);
            await parse.InvocationConfiguration.Output.WriteLineAsync(summary);
            return 0;
        }
        catch (Exception ex) when (ex is ImagingInputException or ToolMissingException or ToolFailedException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"das {name}: {ex.Message}");
            return DasCli.UsageOrInputError;
        }
    }

    private static string Verdict(HipsLintVerdict verdict) => verdict switch
    {
        HipsLintVerdict.FullyCompatible => "fully IVOA HiPS 1.0 compatible",
        HipsLintVerdict.CompatibleWithWarnings => "IVOA HiPS 1.0 compatible with warnings",
        _ => "not compatible",
    };

    /// <summary>One line per progress report that says something new: "[ 37%] 3/8 TILES: ...".</summary>
    private sealed class LineProgress(TextWriter error) : IProgress<ImagingProgress>
    {
        private string? _last;

        public void Report(ImagingProgress value)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"[{value.Fraction * 100,3:0}%] {value.StepNumber}/{value.StepCount} {value.Step}: {value.Message}");
            lock (error)
            {
                if (line != _last)
                {
                    error.WriteLine(line);
                    _last = line;
                }
            }
        }
    }
}
