namespace Das.Sky.Parsing;

/// <summary>The part of a position that a <see cref="ParseError"/> is about.</summary>
public enum CoordinateField
{
    /// <summary>The input as a whole (empty input, a character that belongs to no field).</summary>
    None = 0,

    /// <summary>Right ascension (ICRS, FK5, FK4).</summary>
    Ra = 1,

    /// <summary>Declination (ICRS, FK5, FK4).</summary>
    Dec = 2,

    /// <summary>Galactic longitude l.</summary>
    GalacticLongitude = 3,

    /// <summary>Galactic latitude b.</summary>
    GalacticLatitude = 4,

    /// <summary>Ecliptic longitude λ.</summary>
    EclipticLongitude = 5,

    /// <summary>Ecliptic latitude β.</summary>
    EclipticLatitude = 6,
}
