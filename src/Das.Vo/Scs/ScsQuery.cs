using System.Globalization;
using Das.Vo.Http;

namespace Das.Vo.Scs;

/// <summary>A Simple Cone Search 1.03 query: RA, DEC and SR in ICRS degrees, optional VERB and MAXREC.</summary>
public sealed record ScsQuery
{
    /// <summary>The service's base URL (as registered; may end in '?').</summary>
    public required Uri Endpoint { get; init; }
    /// <summary>Centre right ascension, degrees.</summary>
    public required double RaDeg { get; init; }
    /// <summary>Centre declination, degrees.</summary>
    public required double DecDeg { get; init; }
    /// <summary>Search radius, degrees.</summary>
    public required double RadiusDeg { get; init; }
    /// <summary>VERB (1 = fewest columns, 3 = all), or null for the service default.</summary>
    public int? Verbosity { get; init; }
    /// <summary>MAXREC (DALI; many SCS services honour it), or null.</summary>
    public long? MaxRecords { get; init; }

    /// <summary>Builds the GET request.</summary>
    public VoRequest BuildRequest()
    {
        VoNumber.CheckPosition(RaDeg, DecDeg);
        VoNumber.CheckRadius(RadiusDeg, "SR");
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("RA", VoNumber.Format(RaDeg, "RA")),
            new("DEC", VoNumber.Format(DecDeg, "DEC")),
            new("SR", VoNumber.Format(RadiusDeg, "SR")),
        };
        if (Verbosity is int verb)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(verb, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(verb, 3);
            parameters.Add(new("VERB", verb.ToString(CultureInfo.InvariantCulture)));
        }
        if (MaxRecords is long maxrec)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxrec);
            parameters.Add(new("MAXREC", maxrec.ToString(CultureInfo.InvariantCulture)));
        }
        return new VoRequest(HttpMethod.Get, Endpoint, parameters);
    }
}
