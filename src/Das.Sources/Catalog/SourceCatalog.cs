using Das.Engine.Access;
using Das.Engine.Queries;
using Das.Engine.Sources;

namespace Das.Sources.Catalog;

/// <summary>The sources Das knows, and which of them a selection (CAT, VIZ, IMG) asks.</summary>
public sealed class SourceCatalog
{
    private readonly Dictionary<string, IDataSource> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, IDataSource>? _vizierOnDemand;

    /// <summary>Creates the catalogue.</summary>
    /// <param name="sources">The sources, in display order.</param>
    /// <param name="definitions">Their definitions, in the same order.</param>
    /// <param name="vizierOnDemand">Makes a source for an extra VizieR catalogue named with VIZ=; null when VIZ is not offered.</param>
    public SourceCatalog(IReadOnlyList<IDataSource> sources, IReadOnlyList<SourceDefinition> definitions, Func<string, IDataSource>? vizierOnDemand = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        Sources = sources;
        Definitions = definitions;
        _vizierOnDemand = vizierOnDemand;
        foreach (var source in sources)
        {
            _byName[source.Descriptor.Id] = source;
            foreach (var alias in source.Descriptor.Aliases)
            {
                _byName.TryAdd(alias, source);
            }
        }
    }

    /// <summary>Every source, in catalogue order.</summary>
    public IReadOnlyList<IDataSource> Sources { get; }

    /// <summary>Every definition, in catalogue order.</summary>
    public IReadOnlyList<SourceDefinition> Definitions { get; }

    /// <summary>The source with this id or alias (case-insensitive), or null.</summary>
    public IDataSource? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The sources a selection asks. Defaults include only sources the caller may see; a restricted source named
    /// explicitly is kept, so the caller is told it is restricted instead of it vanishing. Unknown names are
    /// returned as problems, never dropped silently.
    /// </summary>
    public CatalogSelection Select(SourceSelection selection, AccessContext access)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(access);
        var chosen = new List<IDataSource>();
        var problems = new List<string>();
        foreach (var source in Sources)
        {
            var d = source.Descriptor;
            bool isImages = d.Kind == ResultKind.Images;
            bool byDefault = d.IsDefault && access.MaySee(d) && (isImages ? selection.Images : selection.DefaultCatalogues);
            if (byDefault)
            {
                chosen.Add(source);
            }
        }
        foreach (var name in selection.Catalogues)
        {
            if (Find(name) is { } source)
            {
                if (!chosen.Contains(source))
                {
                    chosen.Add(source);
                }
            }
            else
            {
                problems.Add($"CAT={name}: no such source (the list: das sources, or GET /api/sources)");
            }
        }
        foreach (var name in selection.VizierCatalogues)
        {
            if (_vizierOnDemand is null)
            {
                problems.Add($"VIZ={name}: this catalogue has no VizieR service for extra tables");
                continue;
            }
            var extra = _vizierOnDemand(name);
            if (!chosen.Any(s => s.Descriptor.Id == extra.Descriptor.Id))
            {
                chosen.Add(extra);
            }
        }
        return new CatalogSelection(chosen, problems);
    }
}

/// <summary>The sources chosen, and what could not be chosen.</summary>
/// <param name="Sources">The sources to ask.</param>
/// <param name="Problems">Names that match nothing, one sentence each.</param>
public sealed record CatalogSelection(IReadOnlyList<IDataSource> Sources, IReadOnlyList<string> Problems);
