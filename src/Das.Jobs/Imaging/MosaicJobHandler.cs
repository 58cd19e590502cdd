using System.Globalization;
using System.Text.Json;
using Das.Imaging;
using Das.Imaging.Mosaics;
using Das.Imaging.Tools;
using Das.Jobs.Handlers;
using Das.Jobs.Model;
using Das.Jobs.Store;

namespace Das.Jobs.Imaging;

/// <summary>
/// Job kind "mosaic": Montage over FITS images (results of the caller's download or upload jobs, e.g. the images a
/// query found in one band), with progress per step and per image. Parameters: <c>{"inputs": [...], "region":
/// {"ra": deg, "dec": deg, "width": arcmin, "height": arcmin}, "pixelScale": arcsec, "combine": "mean|median|count"}</c>
/// (all but inputs optional). Results: mosaic.fits, mosaic.png (preview), mosaic_area.fits and mosaic.json (the WCS
/// and the footprint's corners, for drawing the preview on the sky).
/// </summary>
internal sealed class MosaicJobHandler(MosaicBuilder builder, IJobStore store) : IJobHandler
{
    public const string KindName = "mosaic";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Kind => KindName;

    public async ValueTask<string?> CheckAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (request, problem) = Parse(context, []);
        if (request is null)
        {
            return problem;
        }
        return (await JobInputs.ResolveAsync(context, store, cancellationToken)).Problem;
    }

    public async Task<IReadOnlyList<JobResult>> RunAsync(JobContext context, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = await JobInputs.PrepareAsync(context, store, Parse, cancellationToken);
        MosaicResult mosaic;
        try
        {
            mosaic = await builder.BuildAsync(request, context.WorkDirectory, JobInputs.ToJob(progress), cancellationToken);
        }
        catch (Exception ex) when (ex is ImagingInputException or ToolMissingException or ToolFailedException)
        {
            throw JobInputs.Failure(ex);
        }
        var wcs = mosaic.Wcs;
        var summary = new
        {
            wcs = new { ctype = new[] { "RA---TAN", "DEC--TAN" }, crval = new[] { wcs.RaDeg, wcs.DecDeg }, crpix = new[] { wcs.RefPixelX, wcs.RefPixelY },
                cd = new[] { new[] { wcs.Cd11, wcs.Cd12 }, new[] { wcs.Cd21, wcs.Cd22 } }, naxis = new[] { wcs.Width, wcs.Height } },
            pixelScaleArcsec = wcs.PixelScaleArcsec,
            centre = new[] { wcs.Centre().RaDeg, wcs.Centre().DecDeg },
            corners = wcs.Corners().Select(c => new[] { c.RaDeg, c.DecDeg }),
            used = mosaic.Used,
            skipped = mosaic.Skipped,
            commands = mosaic.Commands,
        };
        var json = Path.Combine(context.WorkDirectory, "mosaic.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(summary, Json), cancellationToken);
        var montage = string.Join(" && ", mosaic.Commands);
        return
        [
            Result("mosaic.fits", mosaic.FitsPath, "application/fits", montage),
            Result("mosaic.png", mosaic.PngPath, "image/png", mosaic.Commands[^1]),
            Result("mosaic_area.fits", mosaic.AreaPath, "application/fits", "Montage mAdd"),
            Result("mosaic.json", json, "application/json", "the mosaic's FITS header"),
        ];
    }

    private static JobResult Result(string name, string path, string mediaType, string source) =>
        new(name, path, mediaType, new FileInfo(path).Length, Source: source);

    private static (MosaicRequest? Request, string? Problem) Parse(JobContext context, IReadOnlyList<string> files)
    {
        var p = context.Parameters;
        MosaicRegion? region = null;
        if (p.TryGetProperty("region", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            double? Number(string name) => r.ValueKind == JsonValueKind.Object && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            if (Number("ra") is not { } ra || Number("dec") is not { } dec || Number("width") is not { } width)
            {
                return (null, "region needs ra and dec (degrees) and width (arcmin); height defaults to the width");
            }
            double height = Number("height") ?? width;
            region = new MosaicRegion(ra, dec, width / 60, height / 60);
            try
            {
                MosaicBuilder.RegionHeader(region, 1);
            }
            catch (ImagingInputException ex)
            {
                return (null, ex.Message);
            }
        }
        double? scale = null;
        if (p.TryGetProperty("pixelScale", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.Number || s.GetDouble() is not (> 0 and <= 3600))
            {
                return (null, "pixelScale must be a number of arcseconds in (0, 3600]");
            }
            scale = s.GetDouble();
        }
        var combine = p.TryGetProperty("combine", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "mean";
        if (combine is not ("mean" or "median" or "count"))
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"combine '{combine}' is not mean, median or count"));
        }
        return (new MosaicRequest { Inputs = files, Region = region, PixelScaleArcsec = scale, Combine = combine }, null);
    }
}
