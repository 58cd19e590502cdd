using System.Globalization;
using System.Text;
using System.Text.Json;
using Das.Engine.Sources;
using Das.Tables.VoTable;
using Das.Vo.Http;

namespace Das.Sources.Protocols;

/// <summary>
/// Reading the body of an archive API's answer whole, and the checks every such answer needs: it arrived complete,
/// it is not empty, it is not an HTML page (a portal, a login or an error page served with status 200), and it is
/// within the size the source may read. JSON cannot be used half-read, so a cut body is a failure, not a truncation.
/// </summary>
internal static class AnswerBody
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(VoResponse response, long maxBytes, string expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int n;
        while ((n = await response.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > maxBytes)
            {
                throw new SourceFailureException(SourceFailureKind.Format, $"the answer is larger than the {Size(maxBytes)} this source may read (maxMegabytes)");
            }
            buffer.Write(chunk, 0, n);
        }
        if (response.BodyFault is { } fault)
        {
            var kind = fault.Kind == BodyFaultKind.Timeout ? SourceFailureKind.Timeout : SourceFailureKind.Transport;
            throw new SourceFailureException(kind, fault.Message + " before the whole answer arrived", isTransient: true);
        }
        var body = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        Check(body.Span, expected);
        return body;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB"),
    };

    /// <summary>Refuses an empty answer and an HTML page, naming the page by its title.</summary>
    public static void Check(ReadOnlySpan<byte> body, string expected)
    {
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new SourceFailureException(SourceFailureKind.Format, $"the service sent an empty answer instead of {expected}");
        }
        if (HtmlPage.LooksLikeHtml(body))
        {
            var title = HtmlPage.Title(body);
            throw new SourceFailureException(SourceFailureKind.Format,
                $"the service sent an HTML page instead of {expected}" + (title is { Length: > 0 } ? $": \"{title}\"" : ""));
        }
    }

    /// <summary>Parses a JSON answer; invalid JSON is a format failure that says where it broke and how it began.</summary>
    public static JsonDocument ParseJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new SourceFailureException(SourceFailureKind.Format, string.Create(CultureInfo.InvariantCulture,
                $"the answer is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}); it begins: {Excerpt(body.Span)}"), inner: ex);
        }
    }

    /// <summary>The first characters of an answer as one line of plain text, for messages.</summary>
    public static string Excerpt(ReadOnlySpan<byte> body, int length = 80)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, length * 4)]);
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        line = new string([.. line.Where(c => !char.IsControl(c))]);
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
