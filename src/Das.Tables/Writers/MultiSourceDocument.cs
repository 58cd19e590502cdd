using Das.Tables.Model;

namespace Das.Tables.Writers;

/// <summary>
/// Builds the VOTable document Das writes for a query over many sources: one RESOURCE per source, named by the
/// source id, holding a QUERY_STATUS INFO (DALI 1.1 §4.4), the source's provenance INFOs and its table. TOPCAT
/// and astropy (<c>parse(...).iter_tables()</c>) show each source as its own table.
/// </summary>
public static class MultiSourceDocument
{
    /// <summary>Creates the document.</summary>
    /// <param name="sources">One entry per source, in the order they should appear.</param>
    /// <param name="description">The document DESCRIPTION (e.g. the query as the user typed it).</param>
    /// <param name="infos">Document-level INFOs (e.g. the Das version, the request time).</param>
    public static VoTableDocument Create(IEnumerable<SourceTable> sources, string? description = null, IReadOnlyList<Info>? infos = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return new VoTableDocument
        {
            Version = "1.4",
            Description = description,
            Infos = infos ?? [],
            Resources = [.. sources.Select(ToResource)],
        };
    }

    /// <summary>The RESOURCE for one source.</summary>
    public static Resource ToResource(SourceTable source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var status = new Info { Name = "QUERY_STATUS", Value = source.StatusText, Content = source.StatusMessage };
        return new Resource
        {
            Name = source.SourceId,
            Id = source.SourceId,
            Type = "results",
            Description = source.Description,
            Infos = [status, .. source.Infos],
            Tables = source.Table is null ? [] : [source.Table],
        };
    }
}
