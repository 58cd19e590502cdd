using Das.Engine.Caching;
using Das.Engine.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Das.Engine;

/// <summary>Registers the engine: the fan-out, the answer cache (in memory, or Redis-backed when configured).</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>Adds <see cref="QueryEngine"/>, <see cref="AnswerCache"/> and <see cref="CrossMatch.CatalogueCrossMatch"/>.</summary>
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
                redis.ConfigurationOptions = RedisConfiguration(options.Redis);
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
        services.TryAddSingleton<CrossMatch.CatalogueCrossMatch>();
        return services;
    }

    /// <summary>
    /// The Redis client settings: the configured string, except that a cache must never hold a query up. With the
    /// client's defaults a Redis that is down made every cache read try to connect again and wait for it (and queue
    /// commands while disconnected), so every source ran out of its budget waiting for the cache. Here the client
    /// connects in the background and keeps retrying; while it has no connection a command fails at once, which
    /// HybridCache takes as a miss (the archive is asked, the memory level keeps working); and a server that
    /// accepts connections but does not answer costs at most a second per wait, unless the string sets
    /// <c>connectTimeout</c>, <c>asyncTimeout</c> or <c>syncTimeout</c> itself.
    /// </summary>
    internal static ConfigurationOptions RedisConfiguration(string configuration)
    {
        var redis = ConfigurationOptions.Parse(configuration);
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        var given = configuration.Split(',').Select(part => part.Split('=', 2)[0].Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("connectTimeout"))
        {
            redis.ConnectTimeout = CacheWaitMilliseconds;
        }
        if (!given.Contains("asyncTimeout"))
        {
            redis.AsyncTimeout = CacheWaitMilliseconds;
        }
        if (!given.Contains("syncTimeout"))
        {
            redis.SyncTimeout = CacheWaitMilliseconds;
        }
        return redis;
    }

    // Redis answers in well under a millisecond on a LAN; a cache read that takes a second is better skipped.
    private const int CacheWaitMilliseconds = 1000;
}
