using System.Text;

namespace Das.Vo.Adql;

/// <summary>
/// An ADQL query with named placeholders, e.g. from a source's configuration:
/// <c>SELECT TOP {maxrec} * FROM gaiadr3.gaia_source WHERE 1=CONTAINS(POINT('ICRS',ra,dec),CIRCLE('ICRS',{ra},{dec},{radius}))</c>.
/// Placeholders are filled only with <see cref="AdqlFragment"/>s (typed literals and checked identifiers), and a
/// placeholder inside a string literal, a quoted identifier or a comment is refused when the template is parsed:
/// there the value would not be a token of its own.
/// </summary>
public sealed class AdqlTemplate
{
    private readonly List<Segment> _segments;

    private AdqlTemplate(string text, List<Segment> segments)
    {
        Text = text;
        _segments = segments;
        Placeholders = segments.Where(s => s.IsPlaceholder).Select(s => s.Text).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>The placeholder names the template uses.</summary>
    public IReadOnlySet<string> Placeholders { get; }

    /// <summary>Parses a template, or throws <see cref="FormatException"/> with the reason and position.</summary>
    public static AdqlTemplate Parse(string text) =>
        TryParse(text, out var template, out var error) ? template : throw new FormatException(error);

    /// <summary>Parses a template: <c>{name}</c> placeholders (letters, digits, underscore); <c>{{</c> and <c>}}</c> for literal braces.</summary>
    public static bool TryParse(string? text, out AdqlTemplate template, out string? error)
    {
        template = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the ADQL template is empty";
            return false;
        }
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is '\'' or '"')
            {
                // Copy a quoted string or identifier whole. {{ and }} are literal braces here too; a placeholder is
                // refused, because its value would become part of the quoted text instead of a token of its own.
                int start = i;
                literal.Append(c);
                i++;
                while (i < text.Length)
                {
                    if (text[i] == c)
                    {
                        if (i + 1 < text.Length && text[i + 1] == c)
                        {
                            literal.Append(c).Append(c);
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    if (text[i] is '{' or '}' && i + 1 < text.Length && text[i + 1] == text[i])
                    {
                        literal.Append(text[i]);
                        i += 2;
                        continue;
                    }
                    if (text[i] == '{' && IsPlaceholderAt(text, i))
                    {
                        error = $"placeholder at position {i} is inside a quoted {(c == '\'' ? "string" : "identifier")}; put it outside the quotes";
                        return false;
                    }
                    literal.Append(text[i]);
                    i++;
                }
                if (i >= text.Length)
                {
                    error = $"the quote at position {start} is never closed";
                    return false;
                }
                literal.Append(c);
                i++;
                continue;
            }
            if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                int end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                if (text.AsSpan(i, end - i).Contains('{'))
                {
                    error = $"placeholder in the comment at position {i}";
                    return false;
                }
                literal.Append(text, i, end - i);
                i = end;
                continue;
            }
            if (c == '{')
            {
                if (i + 1 < text.Length && text[i + 1] == '{')
                {
                    literal.Append('{');
                    i += 2;
                    continue;
                }
                int close = text.IndexOf('}', i);
                if (close < 0 || !IsPlaceholderAt(text, i))
                {
                    error = $"'{{' at position {i} does not start a placeholder like {{ra}}";
                    return false;
                }
                Flush(literal, segments);
                segments.Add(new Segment(text[(i + 1)..close], IsPlaceholder: true));
                i = close + 1;
                continue;
            }
            if (c == '}')
            {
                if (i + 1 < text.Length && text[i + 1] == '}')
                {
                    literal.Append('}');
                    i += 2;
                    continue;
                }
                error = $"'}}' at position {i} closes no placeholder";
                return false;
            }
            literal.Append(c);
            i++;
        }
        Flush(literal, segments);
        template = new AdqlTemplate(text, segments);
        error = null;
        return true;
    }

    /// <summary>
    /// Fills every placeholder. Every placeholder needs a value and every value a placeholder: a name mistyped in
    /// configuration is an error, not a silently unfilled query.
    /// </summary>
    public AdqlFragment Render(IReadOnlyDictionary<string, AdqlFragment> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var missing = Placeholders.Where(p => !values.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"no value for placeholder(s) {string.Join(", ", missing.Select(m => "{" + m + "}"))}", nameof(values));
        }
        var unused = values.Keys.Where(k => !Placeholders.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
        {
            throw new ArgumentException($"the template has no placeholder(s) {string.Join(", ", unused.Select(m => "{" + m + "}"))}", nameof(values));
        }
        var sb = new StringBuilder(Text.Length + 64);
        for (int i = 0; i < _segments.Count; i++)
        {
            var segment = _segments[i];
            if (!segment.IsPlaceholder)
            {
                sb.Append(segment.Text);
                continue;
            }
            // A space keeps the value a token of its own where the template glues it to something it could merge
            // with: "TOP{n}" would read as one word, "x-{v}" with v = -1 as the comment "--1".
            if (sb.Length > 0 && !IsSafeBefore(sb[^1]))
            {
                sb.Append(' ');
            }
            sb.Append(values[segment.Text].Text);
            if (i + 1 < _segments.Count && !IsSafeAfter(FirstChar(_segments[i + 1], values)))
            {
                sb.Append(' ');
            }
        }
        return new AdqlFragment(sb.ToString());
    }

    private static bool IsSafeBefore(char c) => char.IsWhiteSpace(c) || c is '(' or ',';

    private static bool IsSafeAfter(char c) => char.IsWhiteSpace(c) || c is ')' or ',';

    private static char FirstChar(Segment next, IReadOnlyDictionary<string, AdqlFragment> values)
    {
        var text = next.IsPlaceholder ? values[next.Text].Text : next.Text;
        return string.IsNullOrEmpty(text) ? ' ' : text[0];
    }

    private static bool IsPlaceholderAt(string text, int open)
    {
        int i = open + 1;
        if (i >= text.Length || !(char.IsAsciiLetter(text[i]) || text[i] == '_'))
        {
            return false;
        }
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }
        return i < text.Length && text[i] == '}';
    }

    private static void Flush(StringBuilder literal, List<Segment> segments)
    {
        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString(), IsPlaceholder: false));
            literal.Clear();
        }
    }

    private readonly record struct Segment(string Text, bool IsPlaceholder);
}
