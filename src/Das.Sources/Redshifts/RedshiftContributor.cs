using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Sky.Positions;

namespace Das.Sources.Redshifts;

/// <summary>
/// A catalogue source asked for the redshift view: the source's own request, its answer turned into the
/// <see cref="RedshiftTable"/>. Sources that already answer in that shape (<c>vizier-redshifts</c>,
/// <c>tap-redshifts</c>) pass through unchanged. The search radius is always the redshift search's, never a radius
/// fixed in the source's definition for ordinary queries.
/// </summary>
internal sealed class RedshiftContributor : IDataSource
{
    private readonly IDataSource _inner;
    private readonly SourceDefinition? _definition;

    public RedshiftContributor(IDataSource inner, SourceDefinition? definition)
    {
        _inner = inner;
        _definition = definition;
        Descriptor = inner.Descriptor with { RadiusDeg = null, Kind = ResultKind.Redshifts };
    }

    public SourceDescriptor Descriptor { get; }

    public SourceRequest Plan(SourceSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var request = _inner.Plan(search);
        return _inner is IRedshiftSource ? request : new Request(request, search.Position);
    }

    public async Task<SourceAnswer> FetchAsync(SourceRequest request, CancellationToken cancellationToken)
    {
        if (request is not Request wrapped)
        {
            return await _inner.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        var answer = await _inner.FetchAsync(wrapped.Inner, cancellationToken).ConfigureAwait(false);
        var d = _inner.Descriptor;
        var catalogue = new RedshiftCatalogue(_definition?.Table ?? d.Title,
            Describe(_definition?.Description ?? d.Description, answer.Table.Description, d.Title), d.Id, wrapped.Provenance);
        var rows = new RedshiftRows(catalogue.Description);
        if (RedshiftNormaliser.Append(answer.Table, wrapped.Centre, catalogue, rows) < 0)
        {
            if (answer.Table.RowCount == 0)
            {
                return answer with { Table = rows.Build(answer.Table.Truncation) };
            }
            throw new SourceFailureException(SourceFailureKind.Format,
                "the answer has no redshift column (none with UCD src.redshift, nor one named z, redshift, zsp, zph ...)");
        }
        return answer with { Table = rows.Build(answer.Table.Truncation) };
    }

    private static string Describe(string? configured, string? answered, string title) =>
        !string.IsNullOrWhiteSpace(configured) ? configured.Trim() : !string.IsNullOrWhiteSpace(answered) ? answered.Trim() : title;

    /// <summary>The source's own request; the cache key says it is the redshift view of that answer.</summary>
    private sealed record Request(SourceRequest Inner, SkyPosition Centre)
        : SourceRequest(Inner.Provenance, "redshift-view/v1\n" + Inner.CanonicalKey);
}
