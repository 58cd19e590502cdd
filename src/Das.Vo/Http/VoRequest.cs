using System.Security.Cryptography;
using System.Text;

namespace Das.Vo.Http;

/// <summary>
/// One request to a VO service, built before anything is sent: the method, the endpoint and the parameters in
/// order, table uploads, and for TAP the ADQL. It is shown to users as provenance ("the URL/ADQL we sent"),
/// used as the cache key, and sent as is.
/// </summary>
public sealed record VoRequest
{
    /// <summary>Creates a request.</summary>
    public VoRequest(HttpMethod method, Uri endpoint, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{endpoint}' is not an http(s) URL", nameof(endpoint));
        }
        Method = method;
        Endpoint = endpoint;
        Parameters = parameters;
        IsIdempotent = method == HttpMethod.Get;
    }

    /// <summary>GET or POST.</summary>
    public HttpMethod Method { get; }

    /// <summary>The endpoint as configured (it may already carry query parameters, as DaCHS's "scs.xml?" does).</summary>
    public Uri Endpoint { get; }

    /// <summary>Parameters in the order they are sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>Tables uploaded with the request (TAP UPLOAD), sent as multipart parts.</summary>
    public IReadOnlyList<VoUpload> Uploads { get; init; } = [];

    /// <summary>
    /// True when sending it twice does no harm, so it may be retried and hedged: every GET, and a TAP synchronous
    /// query. False for a POST that creates something (a UWS job).
    /// </summary>
    public bool IsIdempotent { get; init; }

    /// <summary>
    /// The root of the service the request addresses, when a mirror may publish it under another path (Sesame lives at
    /// /cgi-bin/nph-sesame/ at CDS and /viz-bin/nph-sesame/ at CfA). A mirror whose URL has a path replaces this
    /// prefix of the request's URL; without it, mirrors replace only the scheme, host and port.
    /// </summary>
    public Uri? ServiceRoot { get; init; }

    /// <summary>The ADQL sent, for TAP requests.</summary>
    public string? Adql { get; init; }

    /// <summary>The full URL with every parameter: what a GET sends, and a link a user can open for a POST.</summary>
    public Uri Url => new(QueryString.Append(Endpoint.AbsoluteUri, Parameters));

    /// <summary>
    /// A stable key for caching: the method, the full URL and a hash of each upload's bytes. The caller adds the
    /// access scope (who may see the answer), which the request itself does not know.
    /// </summary>
    public string CacheKey
    {
        get
        {
            var sb = new StringBuilder().Append(Method.Method).Append(' ').Append(Url.AbsoluteUri);
            foreach (var upload in Uploads)
            {
                sb.Append(" upload:").Append(upload.Name).Append('=').Append(Convert.ToHexString(SHA256.HashData(upload.Content.Span)));
            }
            return sb.ToString();
        }
    }

    /// <summary>What to show a user as "what Das sent": the URL, and the ADQL when there is one.</summary>
    public string Provenance => Adql is null ? $"{Method.Method} {Url}" : $"{Method.Method} {Url}\n{Adql}";

    /// <summary>The MAXREC the request asks for (DALI: the most rows a service may return), or null when it sets none.</summary>
    public long? MaxRecords =>
        long.TryParse(Parameter("MAXREC"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long maxrec)
            ? maxrec
            : null;

    /// <summary>The value of a parameter (first occurrence, case-insensitive name), or null.</summary>
    public string? Parameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
