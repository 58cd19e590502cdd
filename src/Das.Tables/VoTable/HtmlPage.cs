namespace Das.Tables.VoTable;

/// <summary>
/// Recognising an HTML page where a table was expected (an error page, a login page, a portal) and finding its title,
/// which is usually the service's own word on what went wrong. Shared by the VOTable and CSV readers and by the
/// VO clients reading HTTP error bodies.
/// </summary>
public static class HtmlPage
{
    /// <summary>True when the first bytes of an answer are an HTML page (doctype, html, head or body tag) and not a VOTable.</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 1024)];
        Span<byte> lower = stackalloc byte[sample.Length];
        for (int i = 0; i < sample.Length; i++)
        {
            lower[i] = (byte)(sample[i] is >= (byte)'A' and <= (byte)'Z' ? sample[i] | 0x20 : sample[i]);
        }
        if (lower.IndexOf("<votable"u8) >= 0)
        {
            return false;
        }
        return lower.IndexOf("<!doctype html"u8) >= 0 || lower.IndexOf("<html"u8) >= 0 ||
               (lower.TrimStart(" \t\r\n"u8).StartsWith("<head"u8)) || lower.TrimStart(" \t\r\n"u8).StartsWith("<body"u8);
    }

    /// <summary>
    /// The text of an HTML page's title element (entities decoded, blanks folded, control characters removed, at most
    /// 200 characters), or null when there is none in <paramref name="html"/>.
    /// </summary>
    public static string? Title(ReadOnlySpan<byte> html)
    {
        var lower = new byte[html.Length];
        for (int i = 0; i < html.Length; i++)
        {
            lower[i] = (byte)(html[i] is >= (byte)'A' and <= (byte)'Z' ? html[i] | 0x20 : html[i]);
        }
        int open = lower.AsSpan().IndexOf("<title"u8);
        if (open < 0)
        {
            return null;
        }
        int gt = lower.AsSpan(open).IndexOf((byte)'>');
        if (gt < 0)
        {
            return null;
        }
        int start = open + gt + 1;
        int close = lower.AsSpan(start).IndexOf("</title"u8);
        if (close < 0)
        {
            return null;
        }
        string raw = System.Text.Encoding.UTF8.GetString(html.Slice(start, close));
        // HTML pages use HTML's named entities (&ndash;, &nbsp;), which XML's five do not cover.
        string text = System.Net.WebUtility.HtmlDecode(raw);
        var collapsed = string.Join(' ', text.Split([' ', '\t', '\r', '\n', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
        var sb = new System.Text.StringBuilder(collapsed.Length);
        foreach (char c in collapsed)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        string clean = sb.ToString();
        return clean.Length > 200 ? clean[..200] + "…" : clean;
    }
}
