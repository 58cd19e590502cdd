using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Sources.Protocols;
using Das.Vo.Answers;
using Das.Vo.Http;

namespace Das.Sources.Irsa;

/// <summary>
/// IRSA's ZTF light-curve service (<c>/cgi-bin/ZTF/nph_light_curves</c>): <c>POS=CIRCLE ra dec radius</c> (degrees), plus
/// the definition's fixed parameters (BANDNAME, COLLECTION, NOBS_MIN ...). No FORMAT is sent, so the answer is the
/// service's default, a VOTable with one row per epoch.
/// </summary>
internal sealed class ZtfLightCurveProtocol(VoQueryClient client) : ISourceProtocol
{
    // Das sets the position; FORMAT must stay the VOTable default Das reads.
    private static readonly string[] Reserved = ["POS", "CIRCLE", "ID", "FORMAT"];

    public string Name => "irsa-ztf-lightcurves";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Parameters.Keys
            .Where(k => Reserved.Contains(k, StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(k => $"parameter '{k}' is set by Das (the position, and the VOTable format it reads); give BANDNAME, COLLECTION, NOBS_MIN and the like");
    }

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, client);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client)
        : VoSource(descriptor, definition, client)
    {
        protected override VoSourceRequest Build(SourceSearch search) => WithFixedParameters(new VoRequest(HttpMethod.Get, Endpoint,
        [
            new("POS", $"CIRCLE {UrlNumber.Exact(search.Position.Ra)} {UrlNumber.Exact(search.Position.Dec)} {UrlNumber.Exact(search.RadiusDeg)}"),
        ]));
    }
}
