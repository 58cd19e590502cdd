using System.Globalization;
using Das.Imaging.Fits;
using Das.Imaging.Tools;

namespace Das.Imaging.Hips;

/// <summary>
/// Builds a HiPS from FITS images with Hipsgen (Aladin's, Debian package <c>aladin</c>) in one Java run:
/// <c>INDEX TILES PNG CHECKCODE DETAILS</c>, then <c>LINT</c> (IVOA HiPS 1.0) and <c>CHECK</c> (tiles against the
/// check codes). Progress comes from Hipsgen's own output; cancellation kills Java. A build that LINT calls not
/// compatible, or whose CHECK fails, is a failure.
/// </summary>
public sealed class HipsBuilder
{
    private readonly ImagingToolOptions _options;
    private readonly ToolRunner _runner;

    /// <summary>Creates the builder.</summary>
    public HipsBuilder(ImagingToolOptions options, ToolRunner runner)
    {
        _options = options;
        _runner = runner;
    }

    /// <summary>The steps a build reports, in order: staging the inputs, then Hipsgen's actions.</summary>
    public static IReadOnlyList<string> Steps(string previewFormat) =>
        ["inputs", "INDEX", "TILES", PreviewAction(previewFormat), "CHECKCODE", "DETAILS", "LINT", "CHECK"];

    /// <summary>
    /// Builds the HiPS into <paramref name="outputDirectory"/>, which must not exist or be empty. Hipsgen runs in a
    /// staging folder beside it, so the <c>properties</c> file names no path of this machine.
    /// </summary>
    /// <exception cref="ImagingInputException">No usable input, a bad parameter, or the output folder is not empty.</exception>
    /// <exception cref="ToolMissingException">Java or aladin.jar is missing (the message says what to install).</exception>
    /// <exception cref="ToolFailedException">Hipsgen failed, LINT called the HiPS not compatible, or CHECK failed.</exception>
    public async Task<HipsBuild> BuildAsync(HipsRequest request, string outputDirectory, IProgress<ImagingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var files = FitsFiles.Expand(request.Inputs);
        return await BuildAsync(request, files, Path.GetFullPath(outputDirectory), null, progress, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<HipsBuild> BuildAsync(HipsRequest request, IReadOnlyList<string> files, string output, string? key,
        IProgress<ImagingProgress>? progress, CancellationToken cancellationToken)
    {
        var steps = Steps(request.PreviewFormat);
        var arguments = HipsgenArguments(request, key, files.Count);
        CheckTools();
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new ImagingInputException($"{output} is not empty: a HiPS is built into a new folder");
        }
        var parent = Path.GetDirectoryName(output) ?? throw new ImagingInputException($"{output} has no parent folder");
        Directory.CreateDirectory(parent);
        progress?.Report(new ImagingProgress("inputs", 1, steps.Count, 0, string.Create(CultureInfo.InvariantCulture, $"staging {files.Count} FITS images")));
        var staging = Path.Combine(parent, ".hipsgen-" + Path.GetFileName(output) + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var input = Path.Combine(staging, "input");
            Directory.CreateDirectory(input);
            for (int i = 0; i < files.Count; i++)
            {
                // Numbered links: two inputs with the same name stay two images; Hipsgen reads through the links.
                var link = Path.Combine(input, FitsFiles.LinkName(i, files[i]));
                File.CreateSymbolicLink(link, files[i]);
            }
            var command = new ToolCommand
            {
                FileName = _options.Java,
                Arguments = [.. JavaArguments(), "in=input", "out=" + Path.GetRelativePath(staging, output), .. arguments, .. steps.Skip(1)],
                WorkingDirectory = staging,
                DisplayName = "Hipsgen",
                InstallHint = ImagingToolOptions.HipsgenInstallHint,
            };
            var log = new HipsgenLog([.. steps.Skip(1)], 1, steps.Count, progress);
            var result = await _runner.RunAsync(command, log.Read, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0 || log.Aborted || log.Errors.Count > 0)
            {
                throw new ToolFailedException($"Hipsgen failed: {log.FailureText()}", result);
            }
            if (log.LintVerdict is not { } lint)
            {
                throw new ToolFailedException("Hipsgen failed: LINT gave no verdict", result);
            }
            if (lint == HipsLintVerdict.NotCompatible)
            {
                throw new ToolFailedException($"Hipsgen's LINT says the HiPS is not IVOA HiPS 1.0 compatible: {string.Join("; ", log.Warnings)}", result);
            }
            if (log.CheckPassed != true)
            {
                throw new ToolFailedException("Hipsgen's CHECK says the tiles do not match their check codes", result);
            }
            var propertiesPath = Path.Combine(output, "properties");
            if (!File.Exists(propertiesPath))
            {
                throw new ToolFailedException("Hipsgen finished without writing a properties file", result);
            }
            return new HipsBuild
            {
                Directory = output,
                Properties = HipsProperties.Read(propertiesPath),
                Lint = lint,
                LintWarnings = log.Warnings,
                InputCount = files.Count,
                Command = command.ToString(),
                Elapsed = result.Elapsed,
                Key = key,
            };
        }
        finally
        {
            TryDelete(staging);
        }
    }

    /// <summary>Java's options: headless, and the heap limit when configured.</summary>
    internal IEnumerable<string> JavaArguments()
    {
        if (_options.JavaMaxHeap is { Length: > 0 } heap)
        {
            yield return "-Xmx" + heap;
        }
        yield return "-Djava.awt.headless=true";
        yield return "-jar";
        yield return _options.AladinJar;
        yield return "-hipsgen";
    }

    /// <exception cref="ToolMissingException">Java or aladin.jar is missing.</exception>
    internal void CheckTools()
    {
        if (ToolRunner.Resolve(_options.Java) is null)
        {
            throw new ToolMissingException($"{ImagingToolOptions.HipsgenInstallHint} ({_options.Java} was not found)");
        }
        if (!File.Exists(_options.AladinJar))
        {
            throw new ToolMissingException($"{ImagingToolOptions.HipsgenInstallHint} ({_options.AladinJar} was not found)");
        }
    }

    /// <summary>Hipsgen's parameters for the request (without in/out and the actions); checked here, so bad values fail before Java starts.</summary>
    /// <exception cref="ImagingInputException">A parameter is out of range or malformed.</exception>
    public static IReadOnlyList<string> HipsgenArguments(HipsRequest request, string? key, int inputCount)
    {
        PreviewAction(request.PreviewFormat);
        var did = request.CreatorDid ?? "ivo://das.local/P/hips/" + (key is null ? "local" : key[..16]);
        if (!did.StartsWith("ivo://", StringComparison.Ordinal) || did.Length < 8 || did.Any(c => char.IsWhiteSpace(c) || c == '='))
        {
            throw new ImagingInputException($"creator_did '{did}' must be an ivo:// identifier without spaces");
        }
        var title = request.Title ?? string.Create(CultureInfo.InvariantCulture, $"Das HiPS of {inputCount} image{(inputCount == 1 ? "" : "s")}");
        var arguments = new List<string> { "creator_did=" + did, "obs_title=" + Clean(title, "title") };
        if (request.Order is int order)
        {
            if (order is < 3 or > 29)
            {
                throw new ImagingInputException(string.Create(CultureInfo.InvariantCulture, $"hips_order {order} is outside 3-29"));
            }
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"hips_order={order}"));
        }
        if (request.PixelCut is { } cut)
        {
            var parts = cut.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            bool numbers = parts.Length is 2 or 3 && parts.Take(2).All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (!numbers || (parts.Length == 3 && parts[2] is not ("linear" or "log" or "sqrt" or "pow2" or "asinh")))
            {
                throw new ImagingInputException($"pixel cut '{cut}' is not 'min max [linear|log|sqrt|pow2|asinh]'");
            }
            arguments.Add("hips_pixel_cut=" + string.Join(' ', parts));
        }
        return arguments;
    }

    private static string PreviewAction(string format) => format switch
    {
        "png" => "PNG",
        "jpeg" or "jpg" => "JPEG",
        _ => throw new ImagingInputException($"preview format '{format}' is not png or jpeg"),
    };

    private static string Clean(string text, string what)
    {
        var cleaned = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return cleaned.Length is > 0 and <= 200 ? cleaned : throw new ImagingInputException($"the {what} must have 1 to 200 characters");
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the next clean-up; a staging folder never holds a result.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
