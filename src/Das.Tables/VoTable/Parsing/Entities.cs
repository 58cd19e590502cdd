using System.Globalization;
using System.Text;

namespace Das.Tables.VoTable.Parsing;

/// <summary>XML entity and character references (the five predefined ones and numeric ones).</summary>
internal static class Entities
{
    /// <summary>Replaces references; an unknown or malformed one is kept as written.</summary>
    public static string Decode(string text)
    {
        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int amp = text.IndexOf('&', i);
            if (amp < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }
            sb.Append(text, i, amp - i);
            int semi = text.IndexOf(';', amp + 1);
            if (semi < 0 || semi - amp > 12)
            {
                sb.Append('&');
                i = amp + 1;
                continue;
            }
            var name = text.AsSpan(amp + 1, semi - amp - 1);
            if (TryResolve(name, sb))
            {
                i = semi + 1;
            }
            else
            {
                sb.Append('&');
                i = amp + 1;
            }
        }
        return sb.ToString();
    }

    private static bool TryResolve(ReadOnlySpan<char> name, StringBuilder sb)
    {
        switch (name)
        {
            case "lt": sb.Append('<'); return true;
            case "gt": sb.Append('>'); return true;
            case "amp": sb.Append('&'); return true;
            case "quot": sb.Append('"'); return true;
            case "apos": sb.Append('\''); return true;
            case "nbsp": sb.Append('\u00A0'); return true; // HTML pages (titles of error pages)
        }
        if (name.Length > 1 && name[0] == '#')
        {
            bool ok = name.Length > 2 && (name[1] == 'x' || name[1] == 'X')
                ? int.TryParse(name[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)
                : int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out code);
            if (ok && code is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
            {
                sb.Append(char.ConvertFromUtf32(code));
                return true;
            }
        }
        return false;
    }
}
