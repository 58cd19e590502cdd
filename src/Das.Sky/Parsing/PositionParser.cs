using Das.Sky.Frames;

namespace Das.Sky.Parsing;

/// <summary>
/// Parses a sky position written the ways astronomers write them, returning ICRS or a precise error.
/// </summary>
/// <remarks>
/// <para>Accepted, in any frame of <see cref="SkyFrame"/>:</para>
/// <list type="bullet">
/// <item>decimal degrees: <c>160.25 -7.5</c>, <c>160.25,-7.5</c>, <c>160.25d -7.5d</c>;</item>
/// <item>sexagesimal with spaces, colons or unit symbols: <c>10 41 00.5 +41 16 07</c>, <c>10:41:00.5 +41:16:07</c>,
/// <c>10h41m00.5s +41d16m07s</c>, <c>10h41m00.5s +41°16′07″</c>, <c>+41°16'07"</c>; the last number may be fractional
/// (<c>10 41.5 -30 15.2</c>);</item>
/// <item>signs <c>+</c>, <c>-</c>, U+2212 minus and U+2013 dash; <c>-00 30 00</c> stays negative;</item>
/// <item>IAU designations with any prefix: <c>J104100.5+411607</c>, <c>SDSS J104100.5+411607</c>,
/// <c>2MASS J10410050+4116070</c>, truncated <c>J1041+4116</c>; <c>B1937+21</c> is FK4 B1950.</item>
/// </list>
/// <para>RA: sexagesimal is hours and a single decimal number degrees unless a unit symbol or
/// <see cref="PositionParseOptions.RaUnit"/> says otherwise. Galactic and ecliptic longitudes are degrees.
/// Minutes and seconds must be below 60 (messages say "out of range 0-59"; 59.99 is fine).</para>
/// <para>Numbers are read with the invariant culture: a comma always separates the two coordinates.</para>
/// <para>Bad input gives a <see cref="ParseError"/> (field, 0-based index, reason). The reasons, with the field
/// name (RA, Dec, l, b, λ, β) in front where it helps:</para>
/// <list type="bullet">
/// <item><c>empty input</c>; <c>unexpected character 'x'</c>; <c>expected a number after ':'</c> (or after a sign);</item>
/// <item><c>Dec minutes 61 is out of range 0-59</c>, <c>RA seconds 60.5 is out of range 0-59</c> (below 60);</item>
/// <item><c>RA 25h exceeds 24h</c>, <c>RA 361 exceeds 360°</c>, <c>Dec +91 exceeds ±90°</c>, <c>RA -10.5 is negative</c>
/// (the whole field is quoted when only its minutes or seconds push it over, e.g. <c>Dec +90:00:01 exceeds ±90°</c>);</item>
/// <item><c>RA minutes 41.5 must be a whole number when seconds follow</c>; <c>too many numbers in RA (at most 3)</c>;
/// <c>unexpected unit 'm' in Dec</c>; <c>Dec cannot be given in hours</c>;</item>
/// <item><c>no declination found</c> (index = end of input); <c>unexpected extra value '+5'</c>;
/// <c>cannot tell where RA ends and Dec begins: write a sign before Dec</c> (three or five bare numbers);</item>
/// <item><c>designation RA must be hhmm[ss[.s]] digits</c>, <c>expected '+' or '-' before Dec</c>.</item>
/// </list>
/// <para>Every one of these is pinned by <c>tests/Das.Sky.Tests/Fixtures/parse_cases.json</c>.</para>
/// </remarks>
public static class PositionParser
{
    /// <summary>Parses <paramref name="text"/> as an ICRS position with default options.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The position or the error.</returns>
    public static PositionParseResult Parse(string? text) => Parse(text.AsSpan(), PositionParseOptions.Default);

    /// <summary>Parses <paramref name="text"/> with <paramref name="options"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="options">Input frame and RA unit; <see langword="null"/> for the defaults.</param>
    /// <returns>The ICRS position or the error.</returns>
    public static PositionParseResult Parse(string? text, PositionParseOptions? options) => Parse(text.AsSpan(), options);

    /// <summary>Parses <paramref name="text"/> with <paramref name="options"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="options">Input frame and RA unit; <see langword="null"/> for the defaults.</param>
    /// <returns>The ICRS position or the error.</returns>
    public static PositionParseResult Parse(ReadOnlySpan<char> text, PositionParseOptions? options = null)
    {
        options ??= PositionParseOptions.Default;
        if (text.IsWhiteSpace())
        {
            return PositionParseResult.Fail(new ParseError(CoordinateField.None, 0, "empty input"));
        }

        int designation = Designation.Find(text);
        if (designation >= 0)
        {
            if (!Designation.TryParse(text, designation, out double dRa, out double dDec, out ParseError? dError))
            {
                return PositionParseResult.Fail(dError!);
            }

            SkyFrame frame = text[designation] == 'B' ? SkyFrame.Fk4 : SkyFrame.Icrs;
            return PositionParseResult.Ok(SkyFrames.ToIcrs(frame, dRa, dDec));
        }

        (CoordinateField lonField, CoordinateField latField) = FieldsOf(options.Frame);
        Span<Token> tokens = stackalloc Token[Tokenizer.MaxTokens];
        if (!Tokenizer.TryTokenize(text, tokens, out int count, out int errorIndex, out string? reason, out bool global))
        {
            Span<Range> partial = stackalloc Range[3];
            int partialGroups = Group(tokens[..count], partial);
            CoordinateField field = global || partialGroups == 0 ? CoordinateField.None : partialGroups >= 2 ? latField : lonField;
            return PositionParseResult.Fail(new ParseError(field, errorIndex, reason!));
        }

        Span<Range> groups = stackalloc Range[3];
        int groupCount = Group(tokens[..count], groups);
        Range lon, lat;
        if (groupCount >= 3)
        {
            ref Token extra = ref tokens[groups[2].Start.Value];
            return PositionParseResult.Fail(new ParseError(latField, extra.Start, $"unexpected extra value '{text[extra.Start..extra.End]}'"));
        }

        if (groupCount == 2)
        {
            lon = groups[0];
            lat = groups[1];
        }
        else
        {
            ReadOnlySpan<Token> only = tokens[groups[0]];
            if (!IsPlain(only) || only.Length == 1)
            {
                int end = text.TrimEnd().Length;
                return PositionParseResult.Fail(new ParseError(latField, end, $"no {LatitudeWords(latField)} found"));
            }

            if (only.Length % 2 == 1 || only.Length > 6)
            {
                return PositionParseResult.Fail(new ParseError(
                    latField,
                    only[0].Start,
                    $"cannot tell where {ParseError.NameOf(lonField)} ends and {ParseError.NameOf(latField)} begins: write a sign before {ParseError.NameOf(latField)}"));
            }

            int half = only.Length / 2;
            lon = new Range(0, half);
            lat = new Range(half, only.Length);
        }

        RaUnit raUnit = lonField == CoordinateField.Ra ? options.RaUnit : RaUnit.Degrees;
        if (!FieldReader.TryRead(text, tokens[lon], lonField, raUnit, out double lonDeg, out ParseError? error)
            || !FieldReader.TryRead(text, tokens[lat], latField, raUnit, out double latDeg, out error))
        {
            return PositionParseResult.Fail(error!);
        }

        return PositionParseResult.Ok(SkyFrames.ToIcrs(options.Frame, lonDeg, latDeg));
    }

    /// <summary>The longitude and latitude field of a frame.</summary>
    /// <param name="frame">The frame.</param>
    /// <returns>(RA, Dec), (l, b) or (λ, β).</returns>
    internal static (CoordinateField Lon, CoordinateField Lat) FieldsOf(SkyFrame frame) => frame switch
    {
        SkyFrame.Galactic => (CoordinateField.GalacticLongitude, CoordinateField.GalacticLatitude),
        SkyFrame.Ecliptic => (CoordinateField.EclipticLongitude, CoordinateField.EclipticLatitude),
        _ => (CoordinateField.Ra, CoordinateField.Dec),
    };

    /// <summary>
    /// Splits tokens into fields. A new field starts after a comma, at a signed number, at an hours/degrees unit,
    /// at a unit that does not follow the previous one, after seconds, and at a space after a colon group.
    /// Writes at most <paramref name="groups"/>.Length ranges; returns how many fields there are.
    /// </summary>
    internal static int Group(ReadOnlySpan<Token> tokens, Span<Range> groups)
    {
        if (tokens.IsEmpty)
        {
            return 0;
        }

        int count = 0;
        int start = 0;
        bool colonGroup = false;
        for (int k = 1; k < tokens.Length; k++)
        {
            ref readonly Token prev = ref tokens[k - 1];
            ref readonly Token t = ref tokens[k];
            bool boundary;
            if (prev.Link == TokenLink.Colon)
            {
                colonGroup = true;
                boundary = false;
            }
            else
            {
                boundary = prev.Link == TokenLink.Comma
                    || t.HasSign
                    || t.Unit is TokenUnit.Hours or TokenUnit.Degrees
                    || prev.Unit == TokenUnit.Seconds
                    || (t.Unit != TokenUnit.None && prev.Unit != TokenUnit.None && t.Unit <= prev.Unit)
                    || colonGroup;
            }

            if (boundary)
            {
                if (count < groups.Length)
                {
                    groups[count] = new Range(start, k);
                }

                count++;
                start = k;
                colonGroup = false;
            }
        }

        if (count < groups.Length)
        {
            groups[count] = new Range(start, tokens.Length);
        }

        return count + 1;
    }

    private static bool IsPlain(ReadOnlySpan<Token> tokens)
    {
        foreach (ref readonly Token t in tokens)
        {
            if (t.Unit != TokenUnit.None || t.Link == TokenLink.Colon)
            {
                return false;
            }
        }

        return true;
    }

    private static string LatitudeWords(CoordinateField field) => field switch
    {
        CoordinateField.GalacticLatitude => "galactic latitude b",
        CoordinateField.EclipticLatitude => "ecliptic latitude β",
        _ => "declination",
    };
}
