using System.Text;

namespace Das.Vo.Adql;

/// <summary>
/// A checked ADQL identifier: one to four dot-separated parts (catalog.schema.table.column), each a regular
/// identifier (a letter, then letters, digits or underscores, not a reserved word) or a delimited one
/// (<c>"any text"</c> with embedded quotes doubled). Parsing refuses everything else with a reason, so a name that
/// reaches a query cannot carry SQL.
/// </summary>
public sealed class AdqlIdentifier : IEquatable<AdqlIdentifier>
{
    private readonly string[] _parts;
    private readonly bool[] _delimited;

    private AdqlIdentifier(string[] parts, bool[] delimited)
    {
        _parts = parts;
        _delimited = delimited;
    }

    /// <summary>The parts, unquoted (for a delimited part, the text between the quotes with "" undone).</summary>
    public IReadOnlyList<string> Parts => _parts;

    /// <summary>The last part: the column or table name itself.</summary>
    public string Name => _parts[^1];

    /// <summary>The identifier as ADQL text.</summary>
    public AdqlFragment ToAdql()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < _parts.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('.');
            }
            if (_delimited[i])
            {
                sb.Append('"').Append(_parts[i].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                sb.Append(_parts[i]);
            }
        }
        return new AdqlFragment(sb.ToString());
    }

    /// <inheritdoc/>
    public override string ToString() => ToAdql().Text;

    /// <summary>Parses an identifier as written in ADQL, or throws <see cref="FormatException"/> with the reason.</summary>
    public static AdqlIdentifier Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>Parses an identifier as written in ADQL (regular or "delimited" parts separated by dots).</summary>
    public static bool TryParse(string? text, out AdqlIdentifier identifier, out string? error)
    {
        identifier = null!;
        if (string.IsNullOrEmpty(text))
        {
            error = "an identifier cannot be empty";
            return false;
        }
        var parts = new List<string>(4);
        var delimited = new List<bool>(4);
        int i = 0;
        while (true)
        {
            if (i >= text.Length)
            {
                error = $"identifier '{text}' ends with a dot";
                return false;
            }
            if (text[i] == '"')
            {
                if (!ReadDelimited(text, ref i, out var part, out error))
                {
                    return false;
                }
                parts.Add(part);
                delimited.Add(true);
            }
            else
            {
                int start = i;
                if (!IsAsciiLetter(text[i]))
                {
                    error = $"identifier '{text}': character '{text[i]}' at position {i} cannot start a name (names start with a letter, or are quoted)";
                    return false;
                }
                while (i < text.Length && (IsAsciiLetter(text[i]) || char.IsAsciiDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                var part = text[start..i];
                if (AdqlReservedWords.Contains(part))
                {
                    error = $"identifier '{text}': '{part}' is an ADQL reserved word; write it quoted as \"{part}\"";
                    return false;
                }
                parts.Add(part);
                delimited.Add(false);
            }
            if (i == text.Length)
            {
                break;
            }
            if (text[i] != '.')
            {
                error = $"identifier '{text}': character '{text[i]}' at position {i} is not allowed in a name";
                return false;
            }
            i++;
            if (parts.Count == 4)
            {
                error = $"identifier '{text}' has more than four parts";
                return false;
            }
        }
        identifier = new AdqlIdentifier([.. parts], [.. delimited]);
        error = null;
        return true;
    }

    /// <summary>A one-part identifier for a name as stored in TAP_SCHEMA or configuration: quoted when it must be.</summary>
    public static bool TryFromName(string? name, out AdqlIdentifier identifier, out string? error)
    {
        identifier = null!;
        if (string.IsNullOrEmpty(name))
        {
            error = "a name cannot be empty";
            return false;
        }
        if (name.Any(char.IsControl))
        {
            error = $"name '{name}' contains a control character";
            return false;
        }
        bool regular = IsAsciiLetter(name[0]) && name.All(c => IsAsciiLetter(c) || char.IsAsciiDigit(c) || c == '_') &&
            !AdqlReservedWords.Contains(name);
        identifier = new AdqlIdentifier([name], [!regular]);
        error = null;
        return true;
    }

    private static bool ReadDelimited(string text, ref int i, out string part, out string? error)
    {
        var sb = new StringBuilder();
        int open = i++;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsControl(c))
            {
                part = "";
                error = $"identifier '{text}': control character at position {i}";
                return false;
            }
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    sb.Append('"');
                    i += 2;
                    continue;
                }
                i++;
                part = sb.ToString();
                if (part.Length == 0)
                {
                    error = $"identifier '{text}': empty quoted name at position {open}";
                    return false;
                }
                error = null;
                return true;
            }
            sb.Append(c);
            i++;
        }
        part = "";
        error = $"identifier '{text}': the quote at position {open} is never closed";
        return false;
    }

    private static bool IsAsciiLetter(char c) => char.IsAsciiLetter(c);

    /// <inheritdoc/>
    public bool Equals(AdqlIdentifier? other) =>
        other is not null && _parts.AsSpan().SequenceEqual(other._parts) && _delimited.AsSpan().SequenceEqual(other._delimited);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AdqlIdentifier);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
