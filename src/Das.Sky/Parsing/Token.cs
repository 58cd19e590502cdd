namespace Das.Sky.Parsing;

/// <summary>Unit letter or symbol written straight after a number.</summary>
internal enum TokenUnit : byte
{
    None = 0,
    Hours = 1,
    Degrees = 2,
    Minutes = 3,
    Seconds = 4,
}

/// <summary>What joins a token to the next one.</summary>
internal enum TokenLink : byte
{
    End = 0,
    Space = 1,
    Colon = 2,
    Comma = 3,
}

/// <summary>One number of a coordinate, with its sign, unit and the separator after it (indices into the input).</summary>
internal struct Token
{
    /// <summary>Index of the sign, or of the first digit when there is no sign.</summary>
    public int Start;

    /// <summary>Index of the first digit or decimal point.</summary>
    public int NumberStart;

    /// <summary>Index just after the number.</summary>
    public int NumberEnd;

    /// <summary>Index of the unit symbol (when <see cref="Unit"/> is not None).</summary>
    public int UnitIndex;

    /// <summary>Index just after the token (after the unit symbol).</summary>
    public int End;

    public bool HasSign;
    public bool Negative;
    public bool IsInteger;
    public TokenUnit Unit;
    public TokenLink Link;

    /// <summary>Absolute value of the number.</summary>
    public double Value;
}
