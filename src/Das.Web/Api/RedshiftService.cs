using Das.Engine.Access;
using Das.Engine.Queries;
using Das.Sky.Positions;
using Das.Sources.Redshifts;
using Das.Vo.Http;
using Das.Vo.NameResolution;

namespace Das.Web.Api;

/// <summary>From request parameters to a redshift search: read RA, DEC, RADIUS or NAME, resolve the name.</summary>
public sealed class RedshiftService(RedshiftAggregator aggregator, NameResolver resolver, NameResolverServices resolverServices)
{
    /// <summary>The aggregator that runs the search.</summary>
    public RedshiftAggregator Aggregator => aggregator;

    /// <summary>The search, or every problem with the parameters (a name that did not resolve is one, under NAME).</summary>
    public async Task<(RedshiftSearch? Search, IReadOnlyList<QueryParameterError> Errors)> PrepareAsync(
        IEnumerable<KeyValuePair<string, string?>> parameters, CancellationToken cancellationToken)
    {
        var parsed = RedshiftParameters.Parse(parameters, "format");
        if (!parsed.IsValid)
        {
            return (null, parsed.Errors);
        }
        if (parsed.Position is { } position)
        {
            return (parsed.ToSearch(position), []);
        }
        var resolution = await resolver.ResolveAsync(parsed.Name!, resolverServices, new VoCallOptions { Budget = TimeSpan.FromSeconds(15) }, cancellationToken);
        if (resolution.Status != NameResolutionStatus.Found)
        {
            return (null, [new QueryParameterError("NAME", QueryService.Describe(resolution))]);
        }
        return (parsed.ToSearch(new SkyPosition(resolution.RaDeg!.Value, resolution.DecDeg!.Value), resolution.ObjectName ?? parsed.Name), []);
    }

    /// <summary>Runs the search for this caller and joins the answers.</summary>
    public Task<RedshiftResult> RunAsync(RedshiftSearch search, AccessContext access, CancellationToken cancellationToken) =>
        aggregator.QueryAsync(search, access, cancellationToken);
}
