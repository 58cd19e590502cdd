using Das.Engine;
using Das.Sources.Catalog;
using Das.Sources.Protocols;
using Das.Vo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Das.Sources;

/// <summary>Registers the source catalogue, its protocols, the engine and the VO clients.</summary>
public static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// Adds every protocol, the catalogue (the defaults, extended or replaced by <paramref name="userCatalog"/>, loaded
    /// and validated when first asked for: a host resolves it at start-up so a bad file stops it at once), the engine
    /// and the VO clients.
    /// </summary>
    public static IServiceCollection AddDasSources(this IServiceCollection services, SourceCatalogFile? userCatalog = null,
        string userCatalogOrigin = "configuration", EngineOptions? engine = null, string? userAgent = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        engine ??= new EngineOptions();
        // One limit per host: the engine's slots and the HTTP connection pool must agree, or a pool smaller than the
        // engine's limit would queue requests inside HttpClient, out of order and past every later source's turn.
        services.AddDasVo(userAgent, Math.Max(1, engine.MaxConcurrencyPerHost));
        services.AddDasEngine(engine);
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<ISourceProtocol, TapProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, ScsProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, Sia1Protocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, Sia2Protocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, SsaProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, VizierAsuProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, VizierTapProtocol>(),
        ]);
        services.TryAddSingleton<SourceCatalogLoader>();
        services.TryAddSingleton(sp => sp.GetRequiredService<SourceCatalogLoader>().Load(userCatalog, userCatalogOrigin));
        return services;
    }
}
