using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Engine.Sources;
using Das.Sky.Positions;
using Das.Sources.Catalog;
using Das.Vo.Http;
using Das.Vo.NameResolution;
using Das.Web.Results;

namespace Das.Web.Api;

/// <summary>
/// The one path from request parameters to outcomes, shared by the HTTP API and the hub: read the parameters
/// (RA, DEC, FOV, ERR, NAME, CAT, VIZ, IMG), resolve a name, choose the sources, run the engine.
/// </summary>
public sealed class QueryService(SourceCatalog catalog, QueryEngine engine, NameResolver resolver, NameResolverServices resolverServices,
    RecentOutcomes recent)
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

    /// <summary>Runs a prepared query: outcomes in completion order, each kept a while for the query's downloads.</summary>
    public async IAsyncEnumerable<SourceOutcome> RunAsync(PreparedQuery prepared, AccessContext access,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var query = prepared.Query ?? throw new InvalidOperationException("the query has errors");
        await foreach (var outcome in engine.RunAsync(query, prepared.Sources, access, cancellationToken))
        {
            recent.Record(query, outcome, access);
            yield return outcome;
        }
    }

    /// <summary>
    /// Every source's outcome for a prepared query, in the order of its sources: what the query got when it ran here
    /// lately (<see cref="RecentOutcomes"/>), and only the sources missing there asked now. Downloads use this, so
    /// they hold what the page showed and do not ask the archives again.
    /// </summary>
    public async Task<IReadOnlyList<SourceOutcome>> ResultsAsync(PreparedQuery prepared, AccessContext access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var query = prepared.Query ?? throw new InvalidOperationException("the query has errors");
        var found = new Dictionary<string, SourceOutcome>(StringComparer.Ordinal);
        foreach (var source in prepared.Sources)
        {
            if (recent.Find(query, source.Descriptor, access) is { } kept)
            {
                found[source.Descriptor.Id] = kept;
            }
        }
        var missing = prepared.Sources.Where(s => !found.ContainsKey(s.Descriptor.Id)).ToList();
        if (missing.Count > 0)
        {
            await foreach (var outcome in RunAsync(prepared with { Sources = missing }, access, cancellationToken))
            {
                found[outcome.Source.Id] = outcome;
            }
        }
        return [.. prepared.Sources.Select(s => found.GetValueOrDefault(s.Descriptor.Id)).OfType<SourceOutcome>()];
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
