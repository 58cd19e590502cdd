using System.Net;
using Das.Vo.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Das.Vo;

/// <summary>Registers the VO HTTP client: one named HttpClient with Das's User-Agent, and <see cref="VoHttpClient"/>.</summary>
public static class VoServiceCollectionExtensions
{
    /// <summary>Adds the VO clients.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="userAgent">The User-Agent to send; <see cref="DasUserAgent.Science"/> unless testing.</param>
    /// <param name="maxConnectionsPerHost">How many requests may run at once against one host (archives throttle). Default 6.</param>
    public static IServiceCollection AddDasVo(this IServiceCollection services, string? userAgent = null, int maxConnectionsPerHost = 6)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(VoHttpClient.HttpClientName, client =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent ?? DasUserAgent.Science);
                // The per-request budget (VoCallOptions.Budget) is the timeout; HttpClient's own would cut long downloads.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 10,
                MaxConnectionsPerServer = maxConnectionsPerHost,
                ConnectTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // One handler for the life of the process: the factory's default replaces it every 2 minutes, and each
            // new handler starts with no connections, so a server met a cold burst of connects to every archive every
            // 2 minutes. PooledConnectionLifetime above already renews connections (and DNS) every 5 minutes.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's per-request log scopes and messages: Das logs each source's outcome itself (QueryEngine),
            // and under 50 pages at once these were a good part of the per-request cost.
            .RemoveAllLoggers();
        services.TryAddSingleton<VoHttpClient>();
        services.TryAddSingleton<Answers.VoQueryClient>();
        services.TryAddSingleton<NameResolution.NameResolver>();
        return services;
    }
}
