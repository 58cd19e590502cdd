using System.Text;

namespace Das.Tables.Writers.Xlsx;

/// <summary>Excel's sheet-name rules: 1 to 31 characters, none of <c>[]:*?/\</c>, no edge apostrophe, unique ignoring case, not "History".</summary>
internal sealed class SheetNames
{
    private const int MaxLength = 31;
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase) { "History" };

    public string Add(string? wanted)
    {
        var sb = new StringBuilder();
        foreach (char c in wanted ?? "")
        {
            sb.Append(c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) || char.IsSurrogate(c) ? '_' : c);
        }
        string name = sb.ToString().Trim().Trim('\'');
        if (name.Length == 0)
        {
            name = "Sheet";
        }
        if (name.Length > MaxLength)
        {
            name = name[..MaxLength];
        }
        string candidate = name;
        for (int n = 2; !_used.Add(candidate); n++)
        {
            string suffix = string.Create(System.Globalization.CultureInfo.InvariantCulture, $" ({n})");
            candidate = name[..Math.Min(name.Length, MaxLength - suffix.Length)] + suffix;
        }
        return candidate;
    }
}
