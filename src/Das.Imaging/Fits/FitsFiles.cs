using System.Text;

namespace Das.Imaging.Fits;

/// <summary>Finds the FITS images among the inputs of a build: files as given, folders by extension; each checked to start like FITS.</summary>
public static class FitsFiles
{
    private static readonly string[] Extensions = [".fits", ".fit", ".fts"];

    /// <summary>
    /// The full paths of the images, folders expanded (not recursively) and sorted by name, duplicates removed.
    /// </summary>
    /// <exception cref="ImagingInputException">An input does not exist or is not FITS, or there is no image at all.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = Directory.EnumerateFiles(input)
                    .Where(f => Extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    throw new ImagingInputException($"{input}: the folder holds no .fits, .fit or .fts file");
                }
                files.AddRange(found.Select(Path.GetFullPath));
            }
            else if (File.Exists(input))
            {
                files.Add(Path.GetFullPath(input));
            }
            else
            {
                throw new ImagingInputException($"{input}: no such file or folder");
            }
        }
        if (files.Count == 0)
        {
            throw new ImagingInputException("no FITS image was given");
        }
        foreach (var file in files)
        {
            if (!LooksLikeFits(file))
            {
                throw new ImagingInputException($"{file} is not a FITS file (it does not start with SIMPLE  =)");
            }
        }
        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The name of the numbered link a build gives an input (<c>007-name.fits</c>): numbered so equal names stay
    /// apart, and ending in .fits because Montage's mImgtbl reads only FITS extensions (a download store's files may have none).
    /// </summary>
    public static string LinkName(int index, string path)
    {
        var name = Path.GetFileName(path);
        var link = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{index + 1:000}-{name}");
        return Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ? link : link + ".fits";
    }

    /// <summary>True when the file starts with a FITS primary header card.</summary>
    public static bool LooksLikeFits(string path)
    {
        Span<byte> head = stackalloc byte[9];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, 9, throwOnEndOfStream: false) == 9 && Encoding.ASCII.GetString(head) == "SIMPLE  =";
    }
}
