namespace Das.Engine.Tests.Support;

/// <summary>
/// The redis-server that ./test.sh starts on 127.0.0.1:6390. Tests that need it skip, with the reason, when
/// DAS_REDIS_URL is not set; ./test.sh sets it once the server answers PING.
/// </summary>
internal static class RedisPeer
{
    /// <summary>host:port of the server (StackExchange.Redis configuration syntax).</summary>
    public static string Address
    {
        get
        {
            var address = Environment.GetEnvironmentVariable("DAS_REDIS_URL");
            if (string.IsNullOrWhiteSpace(address))
            {
                Assert.Skip("no Redis server (./test.sh starts one on 127.0.0.1:6390 and sets DAS_REDIS_URL)");
            }
            address = address.Trim();
            if (address.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
            {
                address = address["redis://".Length..].TrimEnd('/');
            }
            var host = address.Split(',')[0].Split(':')[0];
            Assert.True(host is "127.0.0.1" or "localhost" or "::1", $"the Redis server must be on loopback, not {host}");
            return address;
        }
    }
}
