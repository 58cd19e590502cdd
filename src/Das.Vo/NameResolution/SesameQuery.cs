using System.Text;
using Das.Vo.Http;

namespace Das.Vo.NameResolution;

/// <summary>A Sesame name-resolution request: XML output with identifiers, SIMBAD then NED then VizieR by default.</summary>
public sealed record SesameQuery
{
    /// <summary>The primary public endpoint, as text (help texts name it without building a Uri at start-up).</summary>
    public const string DefaultEndpointText = "https://cds.unistra.fr/cgi-bin/nph-sesame/";

    /// <summary>The public mirror, as text.</summary>
    public const string MirrorEndpointText = "http://vizier.cfa.harvard.edu/viz-bin/nph-sesame/";

    /// <summary>The primary public endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new(DefaultEndpointText);

    /// <summary>The public mirror.</summary>
    public static readonly Uri MirrorEndpoint = new(MirrorEndpointText);

    /// <summary>The endpoint (ends with nph-sesame/).</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;
    /// <summary>The object name as the user typed it.</summary>
    public required string Name { get; init; }
    /// <summary>Databases in order: S (SIMBAD), N (NED), V (VizieR); A = ask all instead of the first that answers.</summary>
    public string Databases { get; init; } = "SNV";

    /// <summary>Builds the GET request: {endpoint}-oxpI/{databases}?{name}.</summary>
    public VoRequest BuildRequest()
    {
        var name = Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new ArgumentException("an object name is needed");
        }
        if (name.Length > 200 || name.Any(char.IsControl))
        {
            throw new ArgumentException("an object name must be at most 200 printable characters");
        }
        if (Databases.Length == 0 || Databases.Any(c => c is not ('S' or 'N' or 'V' or 'A')))
        {
            throw new ArgumentException($"databases '{Databases}' must be letters from S, N, V and A");
        }
        // Sesame takes the name as the whole query string, not as a key=value parameter.
        var encoded = new StringBuilder();
        QueryString.Encode(encoded, name);
        var url = new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/-oxpI/" + Databases + "?" + encoded);
        return new VoRequest(HttpMethod.Get, url, []) { ServiceRoot = new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/") };
    }
}
