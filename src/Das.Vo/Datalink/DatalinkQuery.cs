using Das.Vo.Http;

namespace Das.Vo.Datalink;

/// <summary>A DataLink 1.1 {links} request: the links of one or more datasets by their identifiers.</summary>
public sealed record DatalinkQuery
{
    /// <summary>The links endpoint (from a service descriptor or a datalink column).</summary>
    public required Uri Endpoint { get; init; }
    /// <summary>Dataset identifiers (ID, repeated).</summary>
    public required IReadOnlyList<string> Ids { get; init; }

    /// <summary>Builds the GET request.</summary>
    public VoRequest BuildRequest()
    {
        if (Ids.Count == 0 || Ids.Any(id => string.IsNullOrWhiteSpace(id) || id.Any(char.IsControl)))
        {
            throw new ArgumentException("DataLink needs at least one dataset identifier without control characters");
        }
        return new VoRequest(HttpMethod.Get, Endpoint, [.. Ids.Select(id => new KeyValuePair<string, string>("ID", id))]);
    }
}
