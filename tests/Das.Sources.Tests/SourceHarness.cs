using Das.Engine.Queries;
using Das.Engine.Sources;
using Das.Sky.Positions;
using Das.Sources.Catalog;
using Das.Vo.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Sources.Tests;

/// <summary>The services a host registers (AddDasSources), and searches as the engine builds them.</summary>
internal sealed class SourceHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddDasSources(userAgent: DasUserAgent.Test).BuildServiceProvider();

    public SourceCatalogLoader Loader => _services.GetRequiredService<SourceCatalogLoader>();

    /// <summary>The default catalogue, as a host loads it.</summary>
    public SourceCatalog Defaults => _services.GetRequiredService<SourceCatalog>();

    /// <summary>One source built from one definition through the loader (so the definition is validated first).</summary>
    public IDataSource Build(SourceDefinition definition) => Loader.Build([definition], "test").Sources[0];

    /// <summary>
    /// The search the engine makes for a source: its fixed radius, or the query's radius for the source's kind
    /// (catalogues: the larger of ERR and FOV/2; images: half the field's diagonal).
    /// </summary>
    public static SourceSearch Search(IDataSource source, double ra, double dec, double fovArcmin = 2, double errArcsec = 10)
    {
        var query = new SkyQuery { Position = new SkyPosition(ra, dec), FovArcmin = fovArcmin, ErrArcsec = errArcsec };
        var d = source.Descriptor;
        return new SourceSearch(query, query.Position, d.RadiusDeg ?? query.SearchRadiusDeg(d.Kind));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
