using System.Buffers;
using System.Text;

namespace Das.Tables.Writers;

/// <summary>
/// Escapes text for XML 1.0 content and attributes. Remote services send anything, so characters XML 1.0 cannot
/// carry (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE, U+FFFF) become U+FFFD instead of producing an
/// ill-formed document. Surrogate pairs (astral characters such as emoji) pass through as UTF-8.
/// </summary>
internal static class XmlText
{
    private static readonly SearchValues<char> NeedsAttention = SearchValues.Create(BuildSpecials());

    /// <summary>The replacement for characters XML 1.0 forbids.</summary>
    internal const char Replacement = '\uFFFD';

    /// <summary>Writes <paramref name="text"/> escaped for element content (<paramref name="attribute"/> false) or a double-quoted attribute.</summary>
    public static void Write(OutputBuffer output, ReadOnlySpan<char> text, bool attribute)
    {
        while (!text.IsEmpty)
        {
            int i = text.IndexOfAny(NeedsAttention);
            if (i < 0)
            {
                output.WriteUtf8(text);
                return;
            }
            if (i > 0)
            {
                output.WriteUtf8(text[..i]);
            }
            char c = text[i];
            int consumed = 1;
            switch (c)
            {
                case '<': output.Write("&lt;"u8); break;
                case '>': output.Write("&gt;"u8); break;
                case '&': output.Write("&amp;"u8); break;
                case '"': output.Write(attribute ? "&quot;"u8 : "\""u8); break;
                case '\t': output.Write(attribute ? "&#9;"u8 : "\t"u8); break;
                case '\n': output.Write(attribute ? "&#10;"u8 : "\n"u8); break;
                // A raw CR would be normalised away by every XML parser; the reference keeps it.
                case '\r': output.Write("&#13;"u8); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        output.WriteUtf8(text.Slice(i, 2));
                        consumed = 2;
                    }
                    else
                    {
                        output.Write("\uFFFD"u8);
                    }
                    break;
            }
            text = text[(i + consumed)..];
        }
    }

    /// <summary>True when every character may appear in an XML 1.0 document.</summary>
    public static bool IsClean(ReadOnlySpan<char> text)
    {
        while (true)
        {
            int i = text.IndexOfAny(NeedsAttention);
            if (i < 0)
            {
                return true;
            }
            char c = text[i];
            if (c is '<' or '>' or '&' or '"' or '\t' or '\n' or '\r')
            {
                text = text[(i + 1)..];
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                text = text[(i + 2)..];
                continue;
            }
            return false;
        }
    }

    /// <summary>The text with characters XML 1.0 forbids replaced by U+FFFD (the same instance when already clean).</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsClean(text))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (IsXmlChar(c))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(Replacement);
            }
        }
        return sb.ToString();
    }

    /// <summary>True for a BMP, non-surrogate character XML 1.0 allows.</summary>
    public static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= ' ' && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF');

    private static char[] BuildSpecials()
    {
        var list = new List<char> { '<', '>', '&', '"', '\uFFFE', '\uFFFF' };
        for (char c = '\0'; c < ' '; c++)
        {
            list.Add(c);
        }
        for (int c = 0xD800; c <= 0xDFFF; c++)
        {
            list.Add((char)c);
        }
        return [.. list];
    }
}
