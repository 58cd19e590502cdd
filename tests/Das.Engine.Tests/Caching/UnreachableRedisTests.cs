using System.Net;
using System.Net.Sockets;
using Das.Engine.Execution;
using Das.Engine.Tests.Support;
using Das.Testing;

namespace Das.Engine.Tests.Caching;

/// <summary>Redis configured but not answering: the cache is an optimisation, never a reason for a query to fail.</summary>
public sealed class UnreachableRedisTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task Queries_are_answered_from_the_archive_when_redis_refuses_connections()
    {
        await using var h = await EngineHarness.StartAsync(new EngineOptions { Redis = $"127.0.0.1:{ClosedPort()}" }, cancellationToken: Ct);
        await AnsweredWithoutTheCacheServerAsync(h, memoryLevelServes: true);
    }

    [Fact]
    public async Task Queries_are_answered_from_the_archive_when_redis_accepts_connections_but_never_answers()
    {
        // A listener that is never served: the kernel completes the handshake, and nothing ever answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var h = await EngineHarness.StartAsync(new EngineOptions { Redis = $"127.0.0.1:{port}" }, cancellationToken: Ct);
        // While HybridCache still waits to learn from Redis whether the entry's tags were invalidated, it does not
        // trust its memory level either; so here only the answers are promised, not where the second one comes from.
        await AnsweredWithoutTheCacheServerAsync(h, memoryLevelServes: false);
    }

    private static async Task AnsweredWithoutTheCacheServerAsync(EngineHarness h, bool memoryLevelServes)
    {
        h.Server.Route(h.PathOf("gaia"), FakeResponse.VoTable(VoTables.Cone(5)));
        var sources = h.Build(h.Scs("gaia", "Gaia DR3") with { BudgetSeconds = 20 });

        var first = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));
        var second = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));

        Assert.Equal(OutcomeStatus.Ok, first.Status);
        Assert.Equal(5, first.RowCount);
        Assert.Equal(OutcomeStatus.Ok, second.Status);
        Assert.Equal(5, second.RowCount);
        if (memoryLevelServes)
        {
            // The memory level still works without its second level. HybridCache trusts a memory entry only once it
            // has asked Redis for the entry's tags (has any been invalidated?); that question fails at once here, but
            // a loaded machine may still have it in flight when the second query comes. So ask until the memory level
            // answers: it must, within a few tries, and every answer it did not give came from a real fetch.
            int fetched = 1 + (second.CachedAge is null ? 1 : 0);
            var last = second;
            for (int attempt = 0; last.CachedAge is null && attempt < 100; attempt++)
            {
                await Task.Delay(20, Ct);
                last = Assert.Single(await h.RunAsync(sources, cancellationToken: Ct));
                Assert.Equal(5, last.RowCount);
                fetched += last.CachedAge is null ? 1 : 0;
            }
            Assert.NotNull(last.CachedAge);
            Assert.Equal(fetched, h.Server.RequestsTo(h.PathOf("gaia")).Count);
        }
    }

    [Fact]
    public void Redis_settings_never_wait_for_a_server_that_is_down_but_keep_what_the_string_says()
    {
        var defaults = EngineServiceCollectionExtensions.RedisConfiguration("127.0.0.1:6390");
        Assert.False(defaults.AbortOnConnectFail);
        Assert.Equal(StackExchange.Redis.BacklogPolicy.FailFast, defaults.BacklogPolicy);
        Assert.Equal(1000, defaults.ConnectTimeout);
        Assert.Equal(1000, defaults.AsyncTimeout);
        Assert.Equal(1000, defaults.SyncTimeout);
        Assert.Equal("127.0.0.1:6390", Assert.Single(defaults.EndPoints).ToString());

        var explicitly = EngineServiceCollectionExtensions.RedisConfiguration("redis.example:6379,ConnectTimeout=3000,asyncTimeout=4000,password=secret");
        Assert.Equal(3000, explicitly.ConnectTimeout);
        Assert.Equal(4000, explicitly.AsyncTimeout);
        Assert.Equal(1000, explicitly.SyncTimeout);
        Assert.Equal("secret", explicitly.Password);
        Assert.False(explicitly.AbortOnConnectFail);
    }
}
