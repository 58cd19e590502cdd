using Das.Sky.Angles;

namespace Das.Sky.Parsing;

/// <summary>
/// Parses one coordinate field on its own (the RA box or the Dec box of a form) with the same notations,
/// checks and messages as <see cref="PositionParser"/>.
/// </summary>
public static class AngleParser
{
    /// <summary>Parses a right ascension: <c>10:41:00.5</c>, <c>10h41m00.5s</c>, <c>160.2521</c> (degrees).</summary>
    /// <param name="text">The text.</param>
    /// <param name="unit">How to read a value without unit symbols.</param>
    /// <returns>The angle in [0°, 360°) or the error.</returns>
    public static AngleParseResult ParseRa(ReadOnlySpan<char> text, RaUnit unit = RaUnit.Auto) => Parse(text, CoordinateField.Ra, unit);

    /// <summary>Parses a declination: <c>+41:16:07</c>, <c>-00 30 00</c> (negative), <c>41d16m07s</c>, <c>-7.5</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The angle in [-90°, 90°] or the error.</returns>
    public static AngleParseResult ParseDec(ReadOnlySpan<char> text) => Parse(text, CoordinateField.Dec, RaUnit.Auto);

    /// <summary>Parses a single field of any kind.</summary>
    /// <param name="text">The text.</param>
    /// <param name="field">Which field the text is (decides the ranges and the names in messages).</param>
    /// <param name="unit">For RA, how to read a value without unit symbols.</param>
    /// <returns>The angle or the error.</returns>
    public static AngleParseResult Parse(ReadOnlySpan<char> text, CoordinateField field, RaUnit unit = RaUnit.Auto)
    {
        if (field == CoordinateField.None)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "Name the field to parse.");
        }

        if (text.IsWhiteSpace())
        {
            return AngleParseResult.Fail(new ParseError(field, 0, "empty input"));
        }

        Span<Token> tokens = stackalloc Token[Tokenizer.MaxTokens];
        if (!Tokenizer.TryTokenize(text, tokens, out int count, out int errorIndex, out string? reason, out _))
        {
            return AngleParseResult.Fail(new ParseError(field, errorIndex, reason!));
        }

        Span<Range> groups = stackalloc Range[2];
        if (PositionParser.Group(tokens[..count], groups) > 1)
        {
            ref Token extra = ref tokens[groups[1].Start.Value];
            return AngleParseResult.Fail(new ParseError(field, extra.Start, $"unexpected extra value '{text[extra.Start..extra.End]}'"));
        }

        if (!FieldReader.TryRead(text, tokens[..count], field, unit, out double degrees, out ParseError? error))
        {
            return AngleParseResult.Fail(error!);
        }

        Angle angle = Angle.FromDegrees(degrees);
        bool isLongitude = field is CoordinateField.Ra or CoordinateField.GalacticLongitude or CoordinateField.EclipticLongitude;
        return AngleParseResult.Ok(isLongitude ? angle.WrapTo360() : angle);
    }
}
