using Das.Engine.Sources;
using Das.Sources.Protocols;
using Das.Vo.Http;

namespace Das.Sources.Tests.Catalog;

/// <summary>
/// What a default source must send for a position: written by hand from the archive's documented query form
/// (../shared/sources-reference.md), never copied from what the code produces.
/// </summary>
internal abstract record ExpectedRequest(double Ra, double Dec)
{
    public abstract void Check(SourceRequest request);

    public static VoRequest Sent(SourceRequest request) => request switch
    {
        VoSourceRequest vo => vo.Request,
        ApiRequest api => api.Request,
        Das.Sources.Redshifts.RedshiftSearchRequest redshifts => redshifts.Request,
        _ => throw new Xunit.Sdk.XunitException($"{request.GetType().Name} is not a request that is sent"),
    };
}

/// <summary>A GET whose whole URL is known.</summary>
internal sealed record ExpectedGet(string Url, double Ra = 334.02, double Dec = -7.8988) : ExpectedRequest(Ra, Dec)
{
    public override void Check(SourceRequest request)
    {
        var sent = Sent(request);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal(Url, sent.Url.AbsoluteUri);
        // Provenance shows the URL as Uri displays it (%20 as a blank), the way a user reads it.
        Assert.Equal($"GET {new Uri(Url)}", request.Provenance);
    }
}

/// <summary>A synchronous TAP query: POST {base}/sync with REQUEST=doQuery, LANG=ADQL, the ADQL and MAXREC.</summary>
internal sealed record ExpectedTap(string SyncUrl, string Adql, long MaxRec, double Ra = 334.02, double Dec = -7.8988) : ExpectedRequest(Ra, Dec)
{
    public override void Check(SourceRequest request)
    {
        var sent = Sent(request);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(SyncUrl, sent.Endpoint.AbsoluteUri);
        Assert.Equal("doQuery", sent.Parameter("REQUEST"));
        Assert.Equal("ADQL", sent.Parameter("LANG"));
        Assert.Equal(Adql, sent.Parameter("QUERY"));
        Assert.Equal(Adql, sent.Adql);
        Assert.Equal(MaxRec.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Parameter("MAXREC"));
        Assert.EndsWith("\n" + Adql, request.Provenance, StringComparison.Ordinal);
    }
}

/// <summary>A POST of one form field (MAST's request=JSON).</summary>
internal sealed record ExpectedPost(string Url, string Field, string Value, double Ra = 334.02, double Dec = -7.8988) : ExpectedRequest(Ra, Dec)
{
    public override void Check(SourceRequest request)
    {
        var sent = Sent(request);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(Url, sent.Endpoint.AbsoluteUri);
        Assert.Equal([new KeyValuePair<string, string>(Field, Value)], sent.Parameters);
    }
}

/// <summary>Image URLs computed from the position, sent nowhere: the provenance lists them.</summary>
internal sealed record ExpectedComputed(string[] Urls, double Ra = 334.02, double Dec = -7.8988) : ExpectedRequest(Ra, Dec)
{
    public override void Check(SourceRequest request)
    {
        Assert.IsNotType<VoSourceRequest>(request);
        Assert.IsNotType<ApiRequest>(request);
        var lines = request.Provenance.Split('\n');
        Assert.StartsWith("computed from the position", lines[0], StringComparison.Ordinal);
        Assert.Equal(Urls.Select(u => "GET " + u), lines[1..]);
    }
}
