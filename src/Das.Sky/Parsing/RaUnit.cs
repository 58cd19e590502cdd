namespace Das.Sky.Parsing;

/// <summary>How to read a right ascension that carries no unit letter.</summary>
public enum RaUnit
{
    /// <summary>Sexagesimal RA (two or three numbers) is hours; a single decimal number is degrees.</summary>
    Auto = 0,

    /// <summary>RA is in hours, also when it is a single decimal number.</summary>
    Hours = 1,

    /// <summary>RA is in degrees, also when it is sexagesimal.</summary>
    Degrees = 2,
}
