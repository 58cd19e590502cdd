namespace Das.Vo.Tests.Integration;

/// <summary>
/// The GAVO DaCHS peer that ./test.sh starts on 127.0.0.1 (../shared/peers/dachs). Tests that need it skip, with
/// the reason, when DAS_DACHS_URL is not set; ./test.sh sets it once the peer answers.
/// </summary>
internal static class DachsPeer
{
    public static Uri BaseUri
    {
        get
        {
            var url = Environment.GetEnvironmentVariable("DAS_DACHS_URL");
            if (string.IsNullOrWhiteSpace(url))
            {
                Assert.Skip("the DaCHS peer is not running (./test.sh starts it and sets DAS_DACHS_URL)");
            }
            var uri = new Uri(url.TrimEnd('/') + "/");
            Assert.True(uri.IsLoopback, "the DaCHS peer must be on loopback");
            return uri;
        }
    }

    public static Uri Url(string path) => new(BaseUri, path.TrimStart('/'));
}
