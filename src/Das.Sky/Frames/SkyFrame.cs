namespace Das.Sky.Frames;

/// <summary>Celestial reference frames accepted as input; every one is converted to ICRS.</summary>
/// <remarks>The definitions match astropy's frames with default attributes, to 1 mas (tested against astropy 5.2).</remarks>
public enum SkyFrame
{
    /// <summary>ICRS right ascension and declination (astropy <c>ICRS</c>).</summary>
    Icrs = 0,

    /// <summary>Galactic longitude l and latitude b (IAU 1958, astropy <c>Galactic</c>, defined through FK5 J2000).</summary>
    Galactic = 1,

    /// <summary>FK5 with equinox J2000.0 (astropy <c>FK5</c>); to ICRS is the frame-bias rotation.</summary>
    Fk5 = 2,

    /// <summary>
    /// FK4 with equinox B1950.0 and observation epoch B1950.0, E-terms of aberration included (astropy <c>FK4</c>
    /// with defaults), i.e. the positions printed in B1950 catalogues.
    /// </summary>
    Fk4 = 3,

    /// <summary>
    /// Barycentric mean ecliptic and equinox of J2000.0 (astropy <c>BarycentricMeanEcliptic</c>, IAU 2006
    /// precession, no nutation): ecliptic longitude λ and latitude β.
    /// </summary>
    Ecliptic = 4,
}
