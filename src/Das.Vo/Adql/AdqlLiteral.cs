using System.Globalization;
using System.Text;
using Das.Vo.Http;

namespace Das.Vo.Adql;

/// <summary>
/// Typed ADQL literals. Numbers are written in the invariant culture in round-trip form; strings are single-quoted
/// with embedded quotes doubled (ADQL 2.1 section 2.1.3) and refused when they hold characters no service handles
/// reliably (control characters), so nothing a user types can end the literal early.
/// </summary>
public static class AdqlLiteral
{
    /// <summary>A floating-point literal; NaN and infinities have no ADQL form and are refused.</summary>
    public static AdqlFragment Number(double value) =>
        // "R" is the shortest string that parses back to the same double, with an exponent when that is shorter.
        new(VoNumber.Format(value, nameof(value)));

    /// <summary>An exact integer literal.</summary>
    public static AdqlFragment Whole(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A character string literal, quoted and escaped; fails with a reason for text that cannot be a literal.</summary>
    public static AdqlFragment Text(string value)
    {
        if (!TryText(value, out var fragment, out var error))
        {
            throw new ArgumentException(error, nameof(value));
        }
        return fragment;
    }

    /// <summary>A character string literal, or false with the reason the text cannot be one.</summary>
    public static bool TryText(string? value, out AdqlFragment fragment, out string? error)
    {
        fragment = default;
        if (value is null)
        {
            error = "a string literal needs a value";
            return false;
        }
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                error = $"character U+{(int)c:X4} at position {i} cannot be sent in an ADQL string";
                return false;
            }
            if (char.IsSurrogate(c) && !char.IsSurrogatePair(value, i - (char.IsLowSurrogate(c) && i > 0 ? 1 : 0)))
            {
                error = $"unpaired surrogate at position {i}";
                return false;
            }
        }
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('\'');
        foreach (char c in value)
        {
            if (c == '\'')
            {
                sb.Append('\'');
            }
            sb.Append(c);
        }
        sb.Append('\'');
        fragment = new AdqlFragment(sb.ToString());
        error = null;
        return true;
    }
}
