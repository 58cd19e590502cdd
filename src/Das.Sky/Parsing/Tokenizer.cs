using System.Globalization;

namespace Das.Sky.Parsing;

/// <summary>Splits coordinate text into numbers with sign, unit symbol and separator; no allocation unless it fails.</summary>
internal static class Tokenizer
{
    public const int MaxTokens = 12;

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Reads tokens into <paramref name="tokens"/>. On failure returns the index and reason.</summary>
    /// <remarks>
    /// On failure <paramref name="count"/> covers the tokens read so far (a dangling sign counts as a token, so
    /// callers can tell which field it starts); <paramref name="errorIsGlobal"/> marks errors about the whole input.
    /// </remarks>
    public static bool TryTokenize(ReadOnlySpan<char> text, Span<Token> tokens, out int count, out int errorIndex, out string? errorReason, out bool errorIsGlobal)
    {
        count = 0;
        errorIsGlobal = false;
        errorIndex = -1;
        errorReason = null;
        bool spaceSinceToken = false;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                spaceSinceToken = true;
                i++;
                continue;
            }

            if (c == ',' || c == ':')
            {
                bool colon = c == ':';
                bool canJoin = count > 0 && tokens[count - 1].Link == TokenLink.Space
                    && (!colon || (!spaceSinceToken && tokens[count - 1].Unit == TokenUnit.None))
                    && (colon || !HasComma(tokens[..count]));
                if (!canJoin)
                {
                    return Fail(i, Unexpected(c), out errorIndex, out errorReason);
                }

                tokens[count - 1].Link = colon ? TokenLink.Colon : TokenLink.Comma;
                i++;
                if (colon && (i >= text.Length || !(char.IsAsciiDigit(text[i]) || text[i] == '.')))
                {
                    return Fail(i, "expected a number after ':'", out errorIndex, out errorReason);
                }

                continue;
            }

            if (!(IsSign(c) || char.IsAsciiDigit(c) || c == '.'))
            {
                return Fail(i, Unexpected(c), out errorIndex, out errorReason);
            }

            if (count > 0 && !spaceSinceToken && tokens[count - 1].Link == TokenLink.Space)
            {
                // Two numbers touching ("10h41m" is fine: the unit ended the first; "41+16" is a sign split).
                if (tokens[count - 1].Unit == TokenUnit.None && !IsSign(c))
                {
                    return Fail(i, Unexpected(c), out errorIndex, out errorReason);
                }
            }

            if (count == tokens.Length)
            {
                errorIsGlobal = true;
                return Fail(i, "too many numbers", out errorIndex, out errorReason);
            }

            ref Token t = ref tokens[count];
            t = default;
            t.Start = i;
            if (IsSign(c))
            {
                if (count > 0 && tokens[count - 1].Link == TokenLink.Colon)
                {
                    return Fail(i, Unexpected(c), out errorIndex, out errorReason);
                }

                t.HasSign = true;
                t.Negative = c != '+';
                i++;
                if (i >= text.Length || !(char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    t.End = i;
                    count++;
                    return Fail(i, string.Create(CultureInfo.InvariantCulture, $"expected a number after '{c}'"), out errorIndex, out errorReason);
                }
            }

            t.NumberStart = i;
            int digits = 0;
            int fractionDigits = 0;
            ulong mantissa = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                mantissa = unchecked((mantissa * 10) + (uint)(text[i] - '0'));
                i++;
                digits++;
            }

            t.IsInteger = true;
            if (i < text.Length && text[i] == '.')
            {
                t.IsInteger = false;
                i++;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    mantissa = unchecked((mantissa * 10) + (uint)(text[i] - '0'));
                    i++;
                    digits++;
                    fractionDigits++;
                }
            }

            if (digits == 0)
            {
                return Fail(t.NumberStart, Unexpected('.'), out errorIndex, out errorReason);
            }

            t.NumberEnd = i;

            // Up to 15 digits the mantissa is exact in a double and dividing by an exact power of ten rounds
            // once, so this equals double.Parse (the classic fast path); longer numbers go to double.Parse.
            t.Value = digits <= 15
                ? mantissa / PowersOfTen[fractionDigits]
                : double.Parse(text[t.NumberStart..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            if (i < text.Length)
            {
                int unitLength = UnitAt(text, i, out t.Unit);
                if (unitLength > 0)
                {
                    t.UnitIndex = i;
                    i += unitLength;
                }
            }

            t.End = i;
            t.Link = TokenLink.Space;
            count++;
            spaceSinceToken = false;
        }

        if (count > 0)
        {
            tokens[count - 1].Link = TokenLink.End;
        }

        return true;
    }

    public static bool IsSign(char c) => c is '+' or '-' or '\u2212' or '\u2013';

    public static string Unexpected(char c) => string.Create(CultureInfo.InvariantCulture, $"unexpected character '{c}'");

    private static bool HasComma(ReadOnlySpan<Token> tokens)
    {
        foreach (ref readonly Token t in tokens)
        {
            if (t.Link == TokenLink.Comma)
            {
                return true;
            }
        }

        return false;
    }

    private static int UnitAt(ReadOnlySpan<char> text, int i, out TokenUnit unit)
    {
        char c = text[i];
        switch (c)
        {
            case 'h' or 'H':
                unit = TokenUnit.Hours;
                return 1;
            case 'd' or 'D' or '°' or 'º':
                unit = TokenUnit.Degrees;
                return 1;
            case 'm' or 'M' or '\u2032' or '\u2019' or '\u02B9':
                unit = TokenUnit.Minutes;
                return 1;
            case 's' or 'S' or '\u2033' or '"' or '\u201D' or '\u02BA':
                unit = TokenUnit.Seconds;
                return 1;
            case '\'':
                bool doubled = i + 1 < text.Length && text[i + 1] == '\'';
                unit = doubled ? TokenUnit.Seconds : TokenUnit.Minutes;
                return doubled ? 2 : 1;
            default:
                unit = TokenUnit.None;
                return 0;
        }
    }

    private static bool Fail(int index, string reason, out int errorIndex, out string? errorReason)
    {
        errorIndex = index;
        errorReason = reason;
        return false;
    }
}
