using Das.Engine.Tests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Engine.Tests.Caching;

/// <summary>
/// The answer cache with Redis as HybridCache's second level (EngineOptions.Redis), against the real redis-server
/// ./test.sh starts; skipped, with the reason, when DAS_REDIS_URL is not set.
/// </summary>
public sealed class RedisAnswerCacheTests : AnswerCacheContract
{
    protected override EngineOptions Options => new() { MaxConcurrencyPerHost = 16, Redis = RedisPeer.Address };

    protected override bool SharedBetweenInstances => true;

    /// <summary>HybridCache hands the answer to its callers first and writes Redis after: wait for that write.</summary>
    protected override async Task WaitUntilSharedAsync(IServiceProvider services, string key, CancellationToken cancellationToken)
    {
        var redis = services.GetRequiredService<IDistributedCache>();
        while (await redis.GetAsync(key, cancellationToken) is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }
}
