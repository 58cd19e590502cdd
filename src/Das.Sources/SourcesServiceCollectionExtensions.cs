using Das.Engine;
using Das.Sources.Catalog;
using Das.Sources.Fink;
using Das.Sources.Gemini;
using Das.Sources.Irsa;
using Das.Sources.LegacySurvey;
using Das.Sources.Mast;
using Das.Sources.PanStarrs;
using Das.Sources.Protocols;
using Das.Sources.Redshifts;
using Das.Vo;
using Das.Vo.Answers;
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
        if (services.Any(d => d.ServiceType == typeof(SourceCatalogLoader)))
        {
            return services; // added already: a second call must not register every protocol twice
        }
        engine ??= new EngineOptions();
        // One limit per host: the engine's slots and the HTTP connection pool must agree, or a pool smaller than the
        // engine's limit would queue requests inside HttpClient, out of order and past every later source's turn.
        services.AddDasVo(userAgent, Math.Max(1, engine.MaxConcurrencyPerHost));
        services.AddDasEngine(engine);
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<ISourceProtocol, TapProtocol>(),
            // Archive-specific APIs, one folder each.
            ServiceDescriptor.Singleton<ISourceProtocol, FinkProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, GeminiProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, MastMashupProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, Ps1CatalogProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, Ps1CutoutProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, LegacyCutoutProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, ZtfLightCurveProtocol>(),
            // The redshift view's searches: every VizieR table with a redshift column, every such table of a TAP service.
            ServiceDescriptor.Singleton<ISourceProtocol, VizierRedshiftProtocol>(),
            ServiceDescriptor.Singleton<ISourceProtocol, TapRedshiftProtocol>(),
        ]);
        // Instances made by factories: TryAddEnumerable cannot tell them apart, so each is added once here.
        foreach (var make in new Func<VoQueryClient, RequestProtocol>[]
            { StandardProtocols.Scs, StandardProtocols.Sia1, StandardProtocols.Sia2, StandardProtocols.Ssa, StandardProtocols.VizierAsu, StandardProtocols.VizierTap })
        {
            services.AddSingleton<ISourceProtocol>(sp => make(sp.GetRequiredService<VoQueryClient>()));
        }
        services.TryAddSingleton<SourceCatalogLoader>();
        services.TryAddSingleton<RedshiftAggregator>();
        services.TryAddSingleton(sp => sp.GetRequiredService<SourceCatalogLoader>().Load(userCatalog, userCatalogOrigin));
        return services;
    }
}
