using System.Text;

namespace Das.Jobs.Downloads;

/// <summary>
/// Whether a file should be FITS (by its name, its URL or its media type) and whether it is: a FITS file starts with
/// the card "SIMPLE  =" and is a whole number of 2880-byte blocks (FITS 4.0, section 3.1); a .fits.gz starts with the
/// gzip magic bytes.
/// </summary>
internal static class FitsCheck
{
    public static bool Expected(Uri url, string? name, string? mediaType, string? format)
    {
        if (format is not null)
        {
            return format.Contains("fits", StringComparison.OrdinalIgnoreCase);
        }
        if (mediaType is not null && (mediaType.StartsWith("application/fits", StringComparison.OrdinalIgnoreCase) || mediaType.StartsWith("image/fits", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        return IsFitsName(name) || IsFitsName(url.AbsolutePath);
    }

    /// <summary>Null when the file is what a FITS file must be, else the reason it is not.</summary>
    public static string? Problem(string path, Uri url, string? name)
    {
        var length = new FileInfo(path).Length;
        Span<byte> head = stackalloc byte[80];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        head = head[..read];
        if (IsGzipName(name) || IsGzipName(url.AbsolutePath))
        {
            return read >= 2 && head[0] == 0x1F && head[1] == 0x8B ? null : "not a gzip-compressed FITS file: it begins with " + Printable(head);
        }
        if (read < 9 || !head[..9].SequenceEqual("SIMPLE  ="u8))
        {
            return "not a FITS file: it begins with " + Printable(head);
        }
        if (length % 2880 != 0)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a truncated FITS file: {length} bytes is not a whole number of 2880-byte blocks");
        }
        return null;
    }

    private static bool IsFitsName(string? name) => name is not null && (name.EndsWith(".fits", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".fit", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".fts", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".fz", StringComparison.OrdinalIgnoreCase) || IsGzipName(name));

    private static bool IsGzipName(string? name) => name is not null && (name.EndsWith(".fits.gz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".fit.gz", StringComparison.OrdinalIgnoreCase));

    private static string Printable(ReadOnlySpan<byte> head)
    {
        var text = new StringBuilder("\"");
        foreach (var b in head[..Math.Min(head.Length, 40)])
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }
        return text.Append('"').ToString();
    }
}
