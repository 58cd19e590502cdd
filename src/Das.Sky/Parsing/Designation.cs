namespace Das.Sky.Parsing;

/// <summary>
/// Reads IAU-style designations: <c>J104100.5+411607</c>, <c>SDSS J104100.5+411607</c>,
/// <c>2MASS J10410050+4116070</c> (digits past the seconds are decimals) and truncated forms such as
/// <c>J1041+4116</c> (hhmm±ddmm) or <c>PSR B1937+21</c>. A leading J means ICRS (J2000), B means FK4 B1950.
/// </summary>
internal static class Designation
{
    /// <summary>
    /// Finds the J or B that starts a designation: followed by a digit, preceded by nothing, a space or a letter,
    /// and with only catalogue names before it (every word has two letters in a row: SDSS, 2MASS, PSR).
    /// </summary>
    public static int Find(ReadOnlySpan<char> text)
    {
        bool prefixIsNames = true;
        bool wordHasLetterPair = false;
        bool wordStarted = false;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            char c = text[i];
            if ((c == 'J' || c == 'B') && char.IsAsciiDigit(text[i + 1]) && prefixIsNames
                && (!wordStarted || wordHasLetterPair))
            {
                return i;
            }

            if (char.IsWhiteSpace(c))
            {
                prefixIsNames &= !wordStarted || wordHasLetterPair;
                wordStarted = false;
                wordHasLetterPair = false;
                continue;
            }

            wordStarted = true;
            wordHasLetterPair |= i > 0 && char.IsAsciiLetter(c) && char.IsAsciiLetter(text[i - 1]);
        }

        return -1;
    }

    /// <summary>Parses the designation starting at <paramref name="start"/> into RA and Dec of its own frame.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, int start, out double ra, out double dec, out ParseError? error)
    {
        ra = 0;
        dec = 0;
        Span<Token> parts = stackalloc Token[3];
        int i = start + 1;
        if (!TryDigits(text, ref i, CoordinateField.Ra, parts, out int raCount, out error))
        {
            return false;
        }

        int end = TrimmedEnd(text);
        if (i >= end)
        {
            error = new ParseError(CoordinateField.Dec, end, "no declination found");
            return false;
        }

        if (!Tokenizer.IsSign(text[i]))
        {
            error = char.IsAsciiDigit(text[i]) || text[i] == '.' || char.IsWhiteSpace(text[i])
                ? new ParseError(CoordinateField.Dec, i, "expected '+' or '-' before Dec")
                : new ParseError(CoordinateField.Ra, i, Tokenizer.Unexpected(text[i]));
            return false;
        }

        int signIndex = i;
        bool negative = text[i] != '+';
        i++;
        Span<Token> decParts = stackalloc Token[3];
        if (!TryDigits(text, ref i, CoordinateField.Dec, decParts, out int decCount, out error))
        {
            return false;
        }

        if (i < end)
        {
            error = new ParseError(CoordinateField.Dec, i, Tokenizer.Unexpected(text[i]));
            return false;
        }

        decParts[0].Start = signIndex;
        decParts[0].HasSign = true;
        decParts[0].Negative = negative;
        return FieldReader.TryRead(text, parts[..raCount], CoordinateField.Ra, RaUnit.Hours, out ra, out error)
            && FieldReader.TryRead(text, decParts[..decCount], CoordinateField.Dec, RaUnit.Auto, out dec, out error);
    }

    private static int TrimmedEnd(ReadOnlySpan<char> text)
    {
        int end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    /// <summary>Reads pairs of digits (the first RA pair, or the first Dec pair) and an optional fraction.</summary>
    private static bool TryDigits(ReadOnlySpan<char> text, ref int i, CoordinateField field, Span<Token> parts, out int count, out ParseError? error)
    {
        count = 0;
        error = null;
        int begin = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        int digits = i - begin;
        int fractionEnd = i;
        bool hasPoint = i < text.Length && text[i] == '.';
        if (hasPoint)
        {
            fractionEnd = i + 1;
            while (fractionEnd < text.Length && char.IsAsciiDigit(text[fractionEnd]))
            {
                fractionEnd++;
            }
        }

        bool isRa = field == CoordinateField.Ra;
        bool valid = digits >= 2 && (digits % 2 == 0 || digits > 6) && !(hasPoint && digits > 6) && (!isRa || digits >= 4);
        if (!valid)
        {
            string shape = isRa ? "hhmm[ss[.s]]" : "dd[mm[ss[.s]]]";
            error = new ParseError(field, begin, $"designation {ParseError.NameOf(field)} must be {shape} digits");
            return false;
        }

        // Pairs, then the rest (2MASS style extra digits or a written fraction) as decimals of the last pair.
        int pairs = Math.Min(digits, 6) / 2;
        for (int p = 0; p < pairs; p++)
        {
            int s = begin + (2 * p);
            bool lastPair = p == pairs - 1;
            ref Token t = ref parts[count++];
            t = default;
            t.Start = s;
            t.NumberStart = s;
            t.NumberEnd = lastPair ? (hasPoint ? fractionEnd : i) : s + 2;
            t.End = t.NumberEnd;
            t.Value = (10 * (text[s] - '0')) + (text[s + 1] - '0');
            t.IsInteger = true;
            if (lastPair)
            {
                double scale = 0.1;
                for (int k = s + 2; k < t.NumberEnd; k++)
                {
                    if (text[k] == '.')
                    {
                        continue;
                    }

                    t.Value += (text[k] - '0') * scale;
                    scale /= 10;
                    t.IsInteger = false;
                }
            }
        }

        i = hasPoint ? fractionEnd : i;
        return true;
    }
}
