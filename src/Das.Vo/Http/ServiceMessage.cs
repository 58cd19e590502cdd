using System.Net;
using System.Text;
using System.Xml;
using Das.Vo.Xml;

namespace Das.Vo.Http;

/// <summary>
/// Finds the service's own words in an answer that is not the data asked for: the text of a QUERY_STATUS=ERROR
/// INFO in an error VOTable, the title of an HTML page, or the first line of plain text. Always plain text, trimmed
/// to a sentence's length; the UI escapes it.
/// </summary>
public static class ServiceMessage
{
    /// <summary>The longest message kept.</summary>
    public const int MaxLength = 300;

    /// <summary>Extracts a message from the first bytes of a body, or null when nothing readable is there.</summary>
    public static string? Extract(ReadOnlySpan<byte> body, string? contentType)
    {
        if (body.IsEmpty)
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(body);
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (LooksLikeHtml(trimmed, contentType))
        {
            return Clip(HtmlTitle(trimmed) ?? FirstTextLine(StripTags(trimmed)));
        }
        if (trimmed.StartsWith('<'))
        {
            return Clip(VoTableError(trimmed) ?? FirstTextLine(StripTags(trimmed)));
        }
        return Clip(FirstTextLine(trimmed));
    }

    /// <summary>True when the body is an HTML page (by content type or by its first tag).</summary>
    public static bool LooksLikeHtml(string text, string? contentType) =>
        (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false) ||
        text.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) ||
        text.StartsWith("<!DOCTYPE HTML PUBLIC", StringComparison.OrdinalIgnoreCase) ||
        text.StartsWith("<html", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text of an HTML page's title element, decoded, or null.</summary>
    public static string? HtmlTitle(string html)
    {
        int open = html.IndexOf("<title", StringComparison.OrdinalIgnoreCase);
        if (open < 0)
        {
            return null;
        }
        int start = html.IndexOf('>', open);
        int end = start < 0 ? -1 : html.IndexOf("</title", start, StringComparison.OrdinalIgnoreCase);
        if (end < 0)
        {
            return null;
        }
        var title = WebUtility.HtmlDecode(html[(start + 1)..end]).Trim();
        return title.Length == 0 ? null : Collapse(title);
    }

    private static string? VoTableError(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), SafeXml.Settings);
            string? errorInfo = null;
            while (reader.Read())
            {
                if (!reader.Is("INFO"))
                {
                    continue;
                }
                var name = reader.GetAttribute("name");
                var value = reader.GetAttribute("value");
                bool status = string.Equals(name, "QUERY_STATUS", StringComparison.OrdinalIgnoreCase) &&
                    string.Equals(value, "ERROR", StringComparison.OrdinalIgnoreCase);
                bool vizierError = string.Equals(name, "Error", StringComparison.OrdinalIgnoreCase);
                if (status || vizierError)
                {
                    var content = reader.IsEmptyElement ? "" : reader.ReadElementContentAsString().Trim();
                    // VizieR puts the text in the value attribute of an INFO named Error.
                    errorInfo = content.Length > 0 ? content : vizierError ? value : errorInfo;
                    if (errorInfo is { Length: > 0 })
                    {
                        return Collapse(errorInfo);
                    }
                }
            }
            return null;
        }
        catch (XmlException)
        {
            return null; // a cut-off error document: fall back to its text
        }
    }

    private static string StripTags(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool inTag = false;
        foreach (char c in text)
        {
            if (c == '<')
            {
                inTag = true;
                sb.Append(' ');
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                sb.Append(c);
            }
        }
        return WebUtility.HtmlDecode(sb.ToString());
    }

    private static string? FirstTextLine(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var t = line.Trim();
            if (t.Length > 0)
            {
                return Collapse(t);
            }
        }
        return null;
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? Clip(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var clean = new string([.. text.Where(c => !char.IsControl(c))]);
        return clean.Length <= MaxLength ? clean : clean[..(MaxLength - 1)] + "…";
    }
}
