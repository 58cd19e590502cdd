using System.Globalization;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Sources.Protocols;
using Das.Vo.Answers;
using Das.Vo.Http;

namespace Das.Sources.PanStarrs;

/// <summary>
/// MAST's Pan-STARRS catalogue API in its VOTable form (<c>…/panstarrs/{dr1|dr2}/{mean|stack|detection|forced_mean}.votable</c>,
/// the endpoint): <c>ra</c>, <c>dec</c>, <c>radius</c> (degrees), column constraints from the definition's parameters
/// (<c>nDetections.gte=1</c>), <c>pagesize</c> (the row limit) and <c>columns=[a,b,…]</c>.
/// </summary>
internal sealed class Ps1CatalogProtocol(VoQueryClient client) : ISourceProtocol
{
    private static readonly string[] Reserved = ["ra", "dec", "radius", "pagesize", "page", "columns", "format"];

    public string Name => "ps1-catalog";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var key in definition.Parameters.Keys.Order(StringComparer.Ordinal))
        {
            if (Reserved.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"parameter '{key}' is set by Das from the search; give column constraints such as nDetections.gte";
            }
            else if (!IsConstraint(key))
            {
                yield return $"parameter '{key}' is not a column constraint such as nDetections.gte or rMeanPSFMag.lte";
            }
        }
        foreach (var column in definition.Columns.Where(c => c.Length == 0 || !c.All(char.IsAsciiLetterOrDigit)))
        {
            yield return $"column '{column}' is not a Pan-STARRS column name (letters and digits)";
        }
    }

    private static bool IsConstraint(string key)
    {
        var parts = key.Split('.');
        return parts.Length is 1 or 2 && parts[0].Length > 0 && parts[0].All(char.IsAsciiLetterOrDigit) &&
               (parts.Length == 1 || (parts[1].Length > 0 && parts[1].All(char.IsAsciiLetterLower)));
    }

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, client);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client)
        : VoSource(descriptor, definition, client)
    {
        protected override VoSourceRequest Build(SourceSearch search)
        {
            var parameters = new List<KeyValuePair<string, string>>
            {
                new("ra", UrlNumber.Exact(search.Position.Ra)),
                new("dec", UrlNumber.Exact(search.Position.Dec)),
                new("radius", UrlNumber.Exact(search.RadiusDeg)),
            };
            parameters.AddRange(Definition.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal));
            parameters.Add(new("pagesize", MaxRows.ToString(CultureInfo.InvariantCulture)));
            if (Definition.Columns.Count > 0)
            {
                parameters.Add(new("columns", "[" + string.Join(',', Definition.Columns) + "]"));
            }
            return new VoSourceRequest(new VoRequest(HttpMethod.Get, Endpoint, parameters));
        }
    }
}
