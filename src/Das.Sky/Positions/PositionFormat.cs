namespace Das.Sky.Positions;

/// <summary>How a <see cref="SkyPosition"/> is written as text.</summary>
public enum PositionFormat
{
    /// <summary>Decimal degrees, e.g. <c>160.252083 +41.268611</c>: six decimals, the sign always on Dec.</summary>
    DecimalDegrees = 0,

    /// <summary>Sexagesimal hours and degrees, e.g. <c>10:41:00.500 +41:16:07.00</c>.</summary>
    Sexagesimal = 1,
}
