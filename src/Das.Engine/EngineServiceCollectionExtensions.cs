using Das.Engine.Caching;
using Das.Engine.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Das.Engine;

/// <summary>Registers the engine: the fan-out, the answer cache (in memory, or Redis-backed when configured).</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>Adds <see cref="QueryEngine"/> and <see cref="AnswerCache"/>.</summary>
    public static IServiceCollection AddDasEngine(this IServiceCollection services, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new EngineOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton<IOptions<EngineOptions>>(Options.Create(options));
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            // HybridCache uses a registered IDistributedCache as its second level: Redis behind the in-memory first level.
            services.AddStackExchangeRedisCache(redis =>
            {
                redis.Configuration = options.Redis;
                redis.InstanceName = "das:";
            });
        }
        services.AddHybridCache(cache =>
        {
            cache.MaximumPayloadBytes = options.MaxCachedAnswerBytes;
            cache.MaximumKeyLength = 512;
        }).AddSerializer<CachedAnswer, CachedAnswerSerializer>();
        services.TryAddSingleton<AnswerCache>();
        services.TryAddSingleton<QueryEngine>();
        return services;
    }
}
