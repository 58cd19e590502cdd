using Das.Engine;
using Das.Sources.Catalog;
using Das.Sources.Fink;
using Das.Sources.Gemini;
using Das.Sources.Irsa;
using Das.Sources.LegacySurvey;
using Das.Sources.Mast;
using Das.Sources.PanStarrs;
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
        services.AddDasVo(userAgent);
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
            // Archive-specific APIs, one folder each.
            ServiceDescriptor.Singleton<ISourceProtocol, FinkProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, GeminiProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, MastMashupProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, Ps1CatalogProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, Ps1CutoutProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, LegacyCutoutProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, ZtfLightCurveProtocol>(),
        ]);
        services.TryAddSingleton<SourceCatalogLoader>();
        services.TryAddSingleton(sp => sp.GetRequiredService<SourceCatalogLoader>().Load(userCatalog, userCatalogOrigin));
        return services;
    }
}
