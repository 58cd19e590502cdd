using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Engine.Sources;
using Das.Sky.Positions;
using Das.Sources.Catalog;
using Das.Vo.Http;
using Das.Vo.NameResolution;

namespace Das.Web.Api;

/// <summary>
/// The one path from request parameters to outcomes, shared by the HTTP API and the hub: read the parameters
/// (RA, DEC, FOV, ERR, NAME, CAT, VIZ, IMG), resolve a name, choose the sources, run the engine.
/// </summary>
public sealed class QueryService(SourceCatalog catalog, QueryEngine engine, NameResolver resolver, NameResolverServices resolverServices)
{
    /// <summary>Parameters the API adds that are not part of the query itself.</summary>
    private static readonly HashSet<string> ApiParameters = new(StringComparer.OrdinalIgnoreCase) { "format", "source" };

    /// <summary>Reads, resolves and selects; the result says what is wrong when the query cannot run.</summary>
    public async Task<PreparedQuery> PrepareAsync(IEnumerable<KeyValuePair<string, string?>> parameters, AccessContext access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var parsed = QueryParameters.Parse(parameters.Where(p => !ApiParameters.Contains(p.Key)));
        if (!parsed.IsValid)
        {
            return new PreparedQuery { Errors = parsed.Errors };
        }
        SkyQuery query;
        NameResolution? resolution = null;
        if (parsed.Position is { } position)
        {
            query = parsed.ToQuery(position);
        }
        else
        {
            resolution = await resolver.ResolveAsync(parsed.Name!, resolverServices, new VoCallOptions { Budget = TimeSpan.FromSeconds(15) }, cancellationToken);
            if (resolution.Status != NameResolutionStatus.Found)
            {
                return new PreparedQuery { Errors = [new QueryParameterError("NAME", Describe(resolution))], Resolution = resolution };
            }
            query = parsed.ToQuery(new SkyPosition(resolution.RaDeg!.Value, resolution.DecDeg!.Value), resolution.ObjectName ?? parsed.Name);
        }
        var selection = catalog.Select(query.Selection, access);
        return new PreparedQuery { Query = query, Sources = selection.Sources, Problems = selection.Problems, Resolution = resolution };
    }

    /// <summary>Runs a prepared query: outcomes in completion order.</summary>
    public IAsyncEnumerable<SourceOutcome> RunAsync(PreparedQuery prepared, AccessContext access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return engine.RunAsync(prepared.Query ?? throw new InvalidOperationException("the query has errors"), prepared.Sources, access, cancellationToken);
    }

    /// <summary>A resolver's answer that is not a position, as one sentence.</summary>
    public static string Describe(NameResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        return resolution.Status switch
        {
            NameResolutionStatus.Unknown => $"'{resolution.Name}' is not known to SIMBAD, NED or VizieR",
            NameResolutionStatus.Ambiguous => $"'{resolution.Name}' is ambiguous: {string.Join("; ", resolution.Candidates)}",
            _ => $"'{resolution.Name}' could not be resolved: {string.Join("; ", resolution.Messages)}",
        };
    }
}

/// <summary>A query ready to run, or why it cannot.</summary>
public sealed record PreparedQuery
{
    /// <summary>Problems with the parameters; the query cannot run while there are any.</summary>
    public IReadOnlyList<QueryParameterError> Errors { get; init; } = [];

    /// <summary>The query, when the parameters were good.</summary>
    public SkyQuery? Query { get; init; }

    /// <summary>The sources chosen.</summary>
    public IReadOnlyList<IDataSource> Sources { get; init; } = [];

    /// <summary>Names in CAT/VIZ that match nothing (the other sources still run).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>How NAME was resolved, when it was given.</summary>
    public NameResolution? Resolution { get; init; }
}
