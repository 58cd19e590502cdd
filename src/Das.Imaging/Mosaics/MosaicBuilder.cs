using System.Globalization;
using System.Text;
using Das.Imaging.Fits;
using Das.Imaging.Tools;

namespace Das.Imaging.Mosaics;

/// <summary>
/// Builds a mosaic with Montage (Debian package <c>montage</c>): <c>mImgtbl</c> lists the inputs, <c>mMakeHdr</c>
/// (or the requested region) makes the output header, <c>mProjectPP</c> reprojects each image (<c>mProject</c> for
/// non-TAN ones) with progress per image, <c>mAdd</c> co-adds, <c>mViewer</c> draws a PNG preview, and the mosaic's
/// WCS is read back from its header. Each program's own error text becomes the failure; an image that does not
/// overlap the region is left out with Montage's reason.
/// </summary>
public sealed class MosaicBuilder
{
    /// <summary>The steps a build reports, in order.</summary>
    public static readonly IReadOnlyList<string> Steps = ["inputs", "mImgtbl", "mMakeHdr", "mProjectPP", "mAdd", "mViewer"];

    /// <summary>The largest side of a mosaic in pixels (a guard against a region far larger than the images warrant).</summary>
    public const int MaxSidePixels = 20_000;

    private readonly ImagingToolOptions _options;
    private readonly ToolRunner _runner;
    private readonly TimeProvider _time;

    /// <summary>Creates the builder.</summary>
    public MosaicBuilder(ImagingToolOptions options, ToolRunner runner, TimeProvider time)
    {
        _options = options;
        _runner = runner;
        _time = time;
    }

    /// <summary>
    /// Builds <c>mosaic.fits</c>, <c>mosaic_area.fits</c>, <c>mosaic.png</c> and <c>mosaic.hdr</c> in
    /// <paramref name="outputDirectory"/> (made when missing); the reprojected images live in a work folder that is
    /// removed at the end.
    /// </summary>
    /// <exception cref="ImagingInputException">No usable input, a bad region or scale, or no image overlaps the region.</exception>
    /// <exception cref="ToolMissingException">A Montage program is missing (the message says what to install).</exception>
    /// <exception cref="ToolFailedException">A Montage program failed; the message holds its own words.</exception>
    public async Task<MosaicResult> BuildAsync(MosaicRequest request, string outputDirectory, IProgress<ImagingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        long start = _time.GetTimestamp();
        if (request.Combine is not ("mean" or "median" or "count"))
        {
            throw new ImagingInputException($"combine '{request.Combine}' is not mean, median or count");
        }
        var files = FitsFiles.Expand(request.Inputs);
        foreach (var program in new[] { "mImgtbl", "mMakeHdr", "mProjectPP", "mProject", "mAdd", "mViewer" })
        {
            if (ToolRunner.Resolve(_options.Montage(program)) is null)
            {
                throw new ToolMissingException($"{ImagingToolOptions.MontageInstallHint} ({_options.Montage(program)} was not found)");
            }
        }
        var output = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(output);
        var work = Path.Combine(output, ".montage-" + Guid.NewGuid().ToString("N")[..8]);
        var commands = new List<string>();
        var skipped = new List<string>();
        try
        {
            // 1. Inputs: numbered links in one folder (mImgtbl reads a folder), each header read for its WCS and scale.
            Report(progress, 0, 0, string.Create(CultureInfo.InvariantCulture, $"reading {files.Count} FITS headers"));
            var raw = Path.Combine(work, "raw");
            var projected = Path.Combine(work, "projected");
            Directory.CreateDirectory(raw);
            Directory.CreateDirectory(projected);
            var images = new List<(string Link, string Name, bool Tan, double ScaleArcsec)>();
            for (int i = 0; i < files.Count; i++)
            {
                FitsHeader inputHeader;
                try
                {
                    inputHeader = FitsHeader.ReadPrimary(files[i]);
                }
                catch (InvalidDataException ex)
                {
                    throw new ImagingInputException(ex.Message, ex);
                }
                var name = Path.GetFileName(files[i]);
                double? scale = PixelScaleArcsec(inputHeader);
                if (scale is null)
                {
                    skipped.Add($"{name}: no celestial WCS (CD or CDELT) in its header");
                    continue;
                }
                var link = Path.Combine(raw, FitsFiles.LinkName(i, files[i]));
                File.CreateSymbolicLink(link, files[i]);
                bool tan = (inputHeader.GetString("CTYPE1") ?? "").EndsWith("-TAN", StringComparison.Ordinal);
                images.Add((link, name, tan, scale.Value));
            }
            if (images.Count == 0)
            {
                throw new ImagingInputException("no input image has a celestial WCS: " + string.Join("; ", skipped));
            }

            // 2. mImgtbl: Montage's own reading of the inputs' WCS.
            var table = Path.Combine(work, "images.tbl");
            var listed = await RunAsync("mImgtbl", [raw, table], work, commands, cancellationToken).ConfigureAwait(false);
            Report(progress, 1, 1, $"{Count(listed, "count")} images with WCS");
            if (Count(listed, "count") == 0)
            {
                throw new ImagingInputException("Montage found no image with a usable WCS among the inputs");
            }

            // 3. The output header: the region asked for, or mMakeHdr's rectangle around every input.
            var header = Path.Combine(output, "mosaic.hdr");
            double scaleArcsec = request.PixelScaleArcsec ?? images.Min(i => i.ScaleArcsec);
            if (scaleArcsec is not (> 0 and <= 3600) || !double.IsFinite(scaleArcsec))
            {
                throw new ImagingInputException(string.Create(CultureInfo.InvariantCulture, $"pixel scale {scaleArcsec} arcsec is not in (0, 3600]"));
            }
            if (request.Region is { } region)
            {
                await File.WriteAllTextAsync(header, RegionHeader(region, scaleArcsec), cancellationToken).ConfigureAwait(false);
                Report(progress, 2, 1, "header for the requested region");
            }
            else
            {
                var args = new List<string> { table, header };
                if (request.PixelScaleArcsec is not null)
                {
                    args.Add("-p");
                    args.Add(scaleArcsec.ToString("R", CultureInfo.InvariantCulture));
                }
                var made = await RunAsync("mMakeHdr", args, work, commands, cancellationToken).ConfigureAwait(false);
                Report(progress, 2, 1, $"{made.Fields.GetValueOrDefault("naxis1")} x {made.Fields.GetValueOrDefault("naxis2")} pixels around every input");
            }
            var template = TanWcs.FromHeader(ReadTemplate(header), "mosaic.hdr");
            if (template.Width > MaxSidePixels || template.Height > MaxSidePixels)
            {
                throw new ImagingInputException(string.Create(CultureInfo.InvariantCulture,
                    $"the mosaic would be {template.Width} x {template.Height} pixels (at most {MaxSidePixels} a side): ask for a smaller region or a coarser scale"));
            }

            // 4. Reprojection, one image at a time, so progress and cancellation are per image.
            var used = new List<string>();
            for (int i = 0; i < images.Count; i++)
            {
                var image = images[i];
                var program = image.Tan ? "mProjectPP" : "mProject";
                Report(progress, 3, (double)i / images.Count, string.Create(CultureInfo.InvariantCulture, $"{program} {i + 1} of {images.Count}: {image.Name}"));
                var target = Path.Combine(projected, Path.GetFileName(image.Link));
                var status = await RunAsync(program, [image.Link, target, header], work, commands, cancellationToken, allowError: true).ConfigureAwait(false);
                if (status.Ok)
                {
                    used.Add(image.Name);
                }
                else if (status.Message is { } why && why.Contains("overlap", StringComparison.OrdinalIgnoreCase))
                {
                    skipped.Add($"{image.Name}: {why}");
                }
                else
                {
                    throw new ToolFailedException($"Montage {program} failed on {image.Name}: {status.Message ?? "no status"}");
                }
            }
            Report(progress, 3, 1, string.Create(CultureInfo.InvariantCulture, $"{used.Count} of {images.Count} images reprojected"));
            if (used.Count == 0)
            {
                throw new ImagingInputException("no input image overlaps the mosaic's region: " + string.Join("; ", skipped));
            }

            // 5. Co-addition.
            var projectedTable = Path.Combine(work, "projected.tbl");
            await RunAsync("mImgtbl", [projected, projectedTable], work, commands, cancellationToken).ConfigureAwait(false);
            var fits = Path.Combine(output, "mosaic.fits");
            Report(progress, 4, 0, $"co-adding ({request.Combine}) {used.Count} images");
            // -e keeps a requested region's exact size (mAdd otherwise trims the mosaic to where there is data).
            string[] add = request.Region is null
                ? ["-a", request.Combine, "-p", projected, projectedTable, header, fits]
                : ["-e", "-a", request.Combine, "-p", projected, projectedTable, header, fits];
            await RunAsync("mAdd", add, work, commands, cancellationToken).ConfigureAwait(false);
            Report(progress, 4, 1, "done");

            // 6. The preview: grey, from the 1-sigma-below-median level to the 99.9th percentile, gaussian-log stretch.
            var png = Path.Combine(output, "mosaic.png");
            await RunAsync("mViewer", ["-ct", "0", "-gray", fits, "-1s", "99.9%", "gaussian-log", "-png", png], work, commands, cancellationToken).ConfigureAwait(false);
            Report(progress, 5, 1, "preview mosaic.png");

            return new MosaicResult
            {
                FitsPath = fits,
                AreaPath = Path.Combine(output, "mosaic_area.fits"),
                PngPath = png,
                HeaderPath = header,
                Wcs = TanWcs.FromHeader(FitsHeader.ReadPrimary(fits), "mosaic.fits"),
                Used = used,
                Skipped = skipped,
                Commands = commands,
                Elapsed = _time.GetElapsedTime(start),
            };
        }
        finally
        {
            Hips.HipsBuilder.TryDelete(work);
        }
    }

    /// <summary>A north-up TAN header for a region at a pixel scale, as Montage reads templates (one card per line).</summary>
    /// <exception cref="ImagingInputException">The centre is not a sky position or a side is not in (0, 10] degrees.</exception>
    public static string RegionHeader(MosaicRegion region, double scaleArcsec)
    {
        if (!double.IsFinite(region.RaDeg) || !double.IsFinite(region.DecDeg) || region.DecDeg is < -90 or > 90)
        {
            throw new ImagingInputException(string.Create(CultureInfo.InvariantCulture, $"region centre {region.RaDeg} {region.DecDeg} is not a sky position"));
        }
        if (region.WidthDeg is not (> 0 and <= 10) || region.HeightDeg is not (> 0 and <= 10))
        {
            throw new ImagingInputException(string.Create(CultureInfo.InvariantCulture, $"region size {region.WidthDeg} x {region.HeightDeg} degrees is not in (0, 10]"));
        }
        double scale = scaleArcsec / 3600;
        // Whole pixels covering the region; 10′ at 2″ is 300 pixels, not 301 for a rounding error in the division.
        long width = (long)Math.Ceiling(region.WidthDeg / scale - 1e-6), height = (long)Math.Ceiling(region.HeightDeg / scale - 1e-6);
        var sb = new StringBuilder();
        void Card(string key, string value) => sb.Append(key.PadRight(8)).Append("= ").Append(value).Append('\n');
        string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        Card("SIMPLE", "T");
        Card("BITPIX", "-64");
        Card("NAXIS", "2");
        Card("NAXIS1", width.ToString(CultureInfo.InvariantCulture));
        Card("NAXIS2", height.ToString(CultureInfo.InvariantCulture));
        Card("CTYPE1", "'RA---TAN'");
        Card("CTYPE2", "'DEC--TAN'");
        Card("EQUINOX", "2000");
        Card("CRVAL1", Number(((region.RaDeg % 360) + 360) % 360));
        Card("CRVAL2", Number(region.DecDeg));
        Card("CRPIX1", Number((width + 1) / 2.0));
        Card("CRPIX2", Number((height + 1) / 2.0));
        Card("CDELT1", Number(-scale));
        Card("CDELT2", Number(scale));
        Card("CROTA2", "0");
        sb.Append("END\n");
        return sb.ToString();
    }

    /// <summary>The pixel side in arcseconds from CD or CDELT; null without a celestial WCS.</summary>
    internal static double? PixelScaleArcsec(FitsHeader header)
    {
        var ctype1 = header.GetString("CTYPE1") ?? "";
        var ctype2 = header.GetString("CTYPE2") ?? "";
        bool celestial = (ctype1.StartsWith("RA--", StringComparison.Ordinal) && ctype2.StartsWith("DEC-", StringComparison.Ordinal))
            || (ctype1.StartsWith("GLON", StringComparison.Ordinal) && ctype2.StartsWith("GLAT", StringComparison.Ordinal));
        if (!celestial)
        {
            return null;
        }
        if (header.GetDouble("CD1_1") is double cd11 && header.GetDouble("CD2_2") is double cd22)
        {
            double det = Math.Abs(cd11 * cd22 - (header.GetDouble("CD1_2") ?? 0) * (header.GetDouble("CD2_1") ?? 0));
            return det > 0 ? Math.Sqrt(det) * 3600 : null;
        }
        if (header.GetDouble("CDELT1") is double d1 && header.GetDouble("CDELT2") is double d2 && d1 != 0 && d2 != 0)
        {
            return Math.Sqrt(Math.Abs(d1 * d2)) * 3600;
        }
        return null;
    }

    /// <summary>A Montage header template (text cards, one a line) as a FITS header.</summary>
    private static FitsHeader ReadTemplate(string path)
    {
        var cards = new StringBuilder();
        foreach (var line in File.ReadAllLines(path))
        {
            cards.Append(line.Length >= 80 ? line[..80] : line.PadRight(80));
        }
        while (cards.Length % 2880 != 0)
        {
            cards.Append(' ');
        }
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(cards.ToString()));
        return FitsHeader.Read(stream, path);
    }

    private async Task<MontageStatus> RunAsync(string program, IReadOnlyList<string> arguments, string work, List<string> commands,
        CancellationToken cancellationToken, bool allowError = false)
    {
        var command = new ToolCommand
        {
            FileName = _options.Montage(program),
            Arguments = arguments,
            WorkingDirectory = work,
            DisplayName = "Montage " + program,
            InstallHint = ImagingToolOptions.MontageInstallHint,
        };
        commands.Add(command.ToString());
        var result = await _runner.RunAsync(command, null, cancellationToken).ConfigureAwait(false);
        var status = MontageStatus.Parse(result.StandardOutput) ?? MontageStatus.Parse(result.StandardError);
        if (status is { Ok: true } && result.ExitCode == 0)
        {
            return status;
        }
        if (allowError && status is not null)
        {
            return status;
        }
        var words = status?.Message ?? LastLine(result.StandardError) ?? LastLine(result.StandardOutput)
            ?? string.Create(CultureInfo.InvariantCulture, $"exit code {result.ExitCode}");
        throw new ToolFailedException($"Montage {program} failed: {words}", result);
    }

    private static string? LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    private static long Count(MontageStatus status, string field) =>
        long.TryParse(status.Fields.GetValueOrDefault(field), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static void Report(IProgress<ImagingProgress>? progress, int stepIndex, double withinStep, string message) =>
        progress?.Report(new ImagingProgress(Steps[stepIndex], stepIndex + 1, Steps.Count, (stepIndex + withinStep) / Steps.Count, message));
}
