using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Engine.Sources;
using Das.Sources.Catalog;

namespace Das.Sources.Redshifts;

/// <summary>
/// Every redshift known near a position: the catalogue's sources of kind <c>redshifts</c> (SIMBAD, NED, VizieR's
/// tables with a redshift column, TAP services searched through TAP_SCHEMA, any configured table) asked at once
/// through the engine, so each has its budget, its cache entry under its access scope and its own outcome: a source
/// that fails or times out is reported and never loses the others. Each answer is turned into the
/// <see cref="RedshiftTable"/>; <see cref="QueryAsync"/> joins them nearest first.
/// </summary>
public sealed class RedshiftAggregator(SourceCatalog catalog, QueryEngine engine)
{
    /// <summary>The sources asked for this caller: every <c>redshifts</c> source it may see, in catalogue order.</summary>
    public IReadOnlyList<IDataSource> Contributors(AccessContext access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var contributors = new List<IDataSource>();
        for (int i = 0; i < catalog.Sources.Count; i++)
        {
            var source = catalog.Sources[i];
            if (source.Descriptor.Kind == ResultKind.Redshifts && access.MaySee(source.Descriptor))
            {
                contributors.Add(new RedshiftContributor(source, i < catalog.Definitions.Count ? catalog.Definitions[i] : null));
            }
        }
        return contributors;
    }

    /// <summary>Asks every contributor; yields each one's outcome (its table in the redshift shape) as it completes.</summary>
    public IAsyncEnumerable<SourceOutcome> RunAsync(RedshiftSearch search, IReadOnlyList<IDataSource> contributors, AccessContext access,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        return engine.RunAsync(ToQuery(search), contributors, access, cancellationToken);
    }

    /// <summary>Asks every contributor and joins their redshifts into one table, nearest first.</summary>
    public async Task<RedshiftResult> QueryAsync(RedshiftSearch search, AccessContext access, CancellationToken cancellationToken = default)
    {
        var contributors = Contributors(access);
        var outcomes = new List<SourceOutcome>();
        await foreach (var outcome in RunAsync(search, contributors, access, cancellationToken).ConfigureAwait(false))
        {
            outcomes.Add(outcome);
        }
        return RedshiftResult.From(search, contributors, outcomes);
    }

    /// <summary>
    /// The engine's query for a search: every contributor searches the redshift radius (ERR = radius, and a field
    /// of view whose half is the same radius).
    /// </summary>
    public static SkyQuery ToQuery(RedshiftSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return new SkyQuery
        {
            Position = search.Position,
            TargetName = search.TargetName,
            ErrArcsec = search.RadiusArcsec,
            FovArcmin = search.RadiusArcsec * 2 / 60,
            Selection = new SourceSelection { DefaultCatalogues = false, Images = false },
        };
    }
}
