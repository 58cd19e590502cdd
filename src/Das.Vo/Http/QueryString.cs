using System.Text;

namespace Das.Vo.Http;

/// <summary>Builds query strings the way archives expect them: RFC 3986 percent-encoding, spaces as %20, '+' as %2B.</summary>
public static class QueryString
{
    /// <summary>Appends parameters to a URL that may already have a query (and may end in '?' or '&amp;').</summary>
    public static string Append(string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        var sb = new StringBuilder(url);
        char separator = !url.Contains('?', StringComparison.Ordinal) ? '?' : url.EndsWith('?') || url.EndsWith('&') ? '\0' : '&';
        foreach (var (key, value) in parameters)
        {
            if (separator != '\0')
            {
                sb.Append(separator);
            }
            separator = '&';
            Encode(sb, key);
            sb.Append('=');
            Encode(sb, value);
        }
        return sb.ToString();
    }

    /// <summary>Percent-encodes a name or value; keeps characters that are safe and readable in a query (/ : , * ( ) and the unreserved set).</summary>
    public static void Encode(StringBuilder sb, string text)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && IsKept((char)rune.Value))
            {
                sb.Append((char)rune.Value);
                continue;
            }
            int n = rune.EncodeToUtf8(utf8);
            for (int i = 0; i < n; i++)
            {
                sb.Append('%').Append(Hex(utf8[i] >> 4)).Append(Hex(utf8[i] & 0xF));
            }
        }
    }

    private static bool IsKept(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/' or ':' or ',' or '*' or '(' or ')';

    private static char Hex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
