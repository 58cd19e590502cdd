using System.Globalization;
using System.Text;

namespace Das.Imaging.Fits;

/// <summary>
/// The cards of a FITS header (FITS 4.0 §4): 80-character records in 2880-byte blocks up to END. Values are kept as
/// written; <see cref="GetDouble"/>, <see cref="GetInt"/> and <see cref="GetString"/> read them in the invariant culture.
/// </summary>
public sealed class FitsHeader
{
    private const int CardLength = 80;
    private const int BlockLength = 2880;
    private readonly Dictionary<string, string> _values;

    private FitsHeader(Dictionary<string, string> values, IReadOnlyList<string> keys)
    {
        _values = values;
        Keys = keys;
    }

    /// <summary>The keywords, in the order written (first occurrence).</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Reads the primary header of a FITS file.</summary>
    /// <exception cref="InvalidDataException">Not a FITS file, or the header has no END.</exception>
    public static FitsHeader ReadPrimary(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads one header from the stream's position to its END card (and the block's padding).</summary>
    public static FitsHeader Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new List<string>();
        var block = new byte[BlockLength];
        for (int blockIndex = 0; ; blockIndex++)
        {
            int read = stream.ReadAtLeast(block, BlockLength, throwOnEndOfStream: false);
            if (read < BlockLength)
            {
                throw new InvalidDataException($"{name}: the FITS header ends without an END card (block {blockIndex + 1} is short)");
            }
            for (int offset = 0; offset < BlockLength; offset += CardLength)
            {
                var card = Encoding.ASCII.GetString(block, offset, CardLength);
                if (blockIndex == 0 && offset == 0 && !card.StartsWith("SIMPLE  =", StringComparison.Ordinal) && !card.StartsWith("XTENSION=", StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{name} is not a FITS file (it does not start with SIMPLE or XTENSION)");
                }
                var key = card[..8].TrimEnd();
                if (key == "END")
                {
                    return new FitsHeader(values, keys);
                }
                if (card.Length > 9 && card[8] == '=' && card[9] == ' ' && !values.ContainsKey(key))
                {
                    values[key] = ParseValue(card[10..]);
                    keys.Add(key);
                }
            }
        }
    }

    /// <summary>True when the keyword is present with a value.</summary>
    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>The value as written (strings without quotes, trailing blanks removed), or null.</summary>
    public string? GetString(string key) => _values.TryGetValue(key, out var v) ? v : null;

    /// <summary>A number (FITS allows a D exponent), or null when absent or not a number.</summary>
    public double? GetDouble(string key) =>
        _values.TryGetValue(key, out var v) && double.TryParse(v.Replace('D', 'E').Replace('d', 'e'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>An integer, or null when absent or not an integer.</summary>
    public long? GetInt(string key) =>
        _values.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static string ParseValue(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('\''))
        {
            // A string: '' inside is a quote; trailing blanks are not significant (FITS 4.0 §4.2.1).
            var sb = new StringBuilder();
            for (int i = 1; i < trimmed.Length; i++)
            {
                if (trimmed[i] == '\'')
                {
                    if (i + 1 < trimmed.Length && trimmed[i + 1] == '\'')
                    {
                        sb.Append('\'');
                        i++;
                        continue;
                    }
                    break;
                }
                sb.Append(trimmed[i]);
            }
            return sb.ToString().TrimEnd();
        }
        int slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        return (slash >= 0 ? trimmed[..slash] : trimmed).Trim();
    }
}
