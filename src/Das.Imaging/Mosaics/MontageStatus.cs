using System.Text.RegularExpressions;

namespace Das.Imaging.Mosaics;

/// <summary>
/// The status record every Montage program prints last: <c>[struct stat="OK", module="mAdd", time=1]</c> or
/// <c>[struct stat="ERROR", msg="..."]</c>. Its fields are kept as text.
/// </summary>
internal sealed partial record MontageStatus(string Stat, string? Message, IReadOnlyDictionary<string, string> Fields)
{
    public bool Ok => Stat == "OK";

    /// <summary>The last status record in the output, or null when there is none.</summary>
    public static MontageStatus? Parse(string output)
    {
        var matches = Struct().Matches(output);
        if (matches.Count == 0)
        {
            return null;
        }
        var body = matches[^1].Groups[1].Value;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match field in Field().Matches(body))
        {
            var value = field.Groups[2].Success ? field.Groups[2].Value : field.Groups[3].Value;
            fields.TryAdd(field.Groups[1].Value, value.Trim());
        }
        return new MontageStatus(fields.GetValueOrDefault("stat", ""), fields.GetValueOrDefault("msg"), fields);
    }

    [GeneratedRegex(@"\[struct (.*)\]\s*$", RegexOptions.Multiline)]
    private static partial Regex Struct();

    [GeneratedRegex(@"(\w+)=(?:""((?:[^""\\]|\\.)*)""|([^,\]]*))")]
    private static partial Regex Field();
}
