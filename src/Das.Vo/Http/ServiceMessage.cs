using System.Net;
using System.Text;
using System.Xml;
using Das.Tables.VoTable;
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

    /// <summary>How much of an error body is read to find the message: error pages are small, and a service that answers
    /// an error with a huge body must not make us read it all.</summary>
    public const int BytesRead = 64 * 1024;

    /// <summary>Reads the first <see cref="BytesRead"/> bytes of an error body and extracts the service's message.</summary>
    public static async Task<string?> ReadAsync(Stream body, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new byte[BytesRead];
        int total = 0, n;
        while (total < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += n;
        }
        return Extract(buffer.AsSpan(0, total), contentType);
    }

    /// <summary>Extracts a message from the first bytes of a body, or null when nothing readable is there.</summary>
    public static string? Extract(ReadOnlySpan<byte> body, string? contentType)
    {
        if (body.IsEmpty)
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(body);
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if ((contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false) || HtmlPage.LooksLikeHtml(body))
        {
            return Clip(HtmlPage.Title(body) ?? FirstTextLine(StripTags(trimmed)));
        }
        if (trimmed.StartsWith('<'))
        {
            return Clip(VoTableError(trimmed) ?? FirstTextLine(StripTags(trimmed)));
        }
        return Clip(FirstTextLine(trimmed));
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
