using System.Text.Json;
using System.Text.RegularExpressions;

namespace Das.Sources.Fink;

/// <summary>
/// Fink's error answers. Its API checks the arguments and answers HTTP 400 with the text of a Python dict,
/// <c>{'status': 'error', 'text': '`radius` cannot be bigger than 18,000 arcseconds (5 degrees).\n'}</c> (not JSON: single
/// quotes, escapes written out); a JSON object <c>{"status": "error", "text": ...}</c> is read the same way.
/// </summary>
internal static partial class FinkError
{
    /// <summary>The error's own text, or null when <paramref name="body"/> is not a Fink error.</summary>
    public static string? Text(string? body)
    {
        if (body is null || !StatusError().IsMatch(body))
        {
            return null;
        }
        var match = TextValue().Match(body);
        if (!match.Success)
        {
            return "the service reported an error without a reason";
        }
        var text = match.Groups["quoted"].Success ? Unescape(match.Groups["quoted"].Value) : match.Groups["bare"].Value;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The error text of a JSON object answer, or null when it is not an error object.</summary>
    public static string? Text(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String &&
        string.Equals(status.GetString(), "error", StringComparison.OrdinalIgnoreCase)
            ? root.TryGetProperty("text", out var text) ? (text.ValueKind == JsonValueKind.String ? text.GetString()!.Trim() : text.GetRawText())
                : "the service reported an error without a reason"
            : null;

    // Python writes \n, \t, \' and \\ in a repr; the message reads better with them resolved.
    private static string Unescape(string text) => text
        .Replace("\\n", " ", StringComparison.Ordinal)
        .Replace("\\t", " ", StringComparison.Ordinal)
        .Replace("\\'", "'", StringComparison.Ordinal)
        .Replace("\\\"", "\"", StringComparison.Ordinal)
        .Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex("""['"]status['"]\s*:\s*['"]error['"]""", RegexOptions.IgnoreCase)]
    private static partial Regex StatusError();

    [GeneratedRegex("""['"]text['"]\s*:\s*(?:'(?<quoted>(?:[^'\\]|\\.)*)'|"(?<quoted>(?:[^"\\]|\\.)*)"|(?<bare>[^}]*[^}\s]))""")]
    private static partial Regex TextValue();
}
