using System.Security.Cryptography;
using System.Text;
using Das.Engine.Access;
using Das.Engine.Caching;
using Das.Engine.Sources;

namespace Das.Engine.Tests.Caching;

/// <summary>The cache key: version, access scope, source id and the SHA-256 of the canonical request.</summary>
public sealed class AnswerCacheKeyTests
{
    private static readonly SourceDescriptor Public = new()
    {
        Id = "gaia-dr3",
        Title = "Gaia DR3",
        Kind = ResultKind.Catalogue,
        Protocol = "tap",
        Host = "gea.esac.esa.int",
    };

    private static readonly SourceRequest Request = new("GET https://gea.esac.esa.int/tap-server/tap/sync?QUERY=...", "tap|sync|SELECT TOP 2000 * FROM gaiadr3.gaia_source WHERE 1=CONTAINS(...)");

    [Fact]
    public void Key_is_version_scope_source_and_hash_of_the_canonical_request()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Request.CanonicalKey)));
        Assert.Equal($"das:v1:public:gaia-dr3:{hash}", AnswerCache.KeyFor(Public, Request));
    }

    [Fact]
    public void Same_request_gives_the_same_key_whatever_its_provenance_text()
    {
        var again = new SourceRequest("POST https://mirror.example/tap/sync", Request.CanonicalKey);
        Assert.Equal(AnswerCache.KeyFor(Public, Request), AnswerCache.KeyFor(Public, again));
    }

    [Fact]
    public void Another_request_or_another_source_gives_another_key()
    {
        var other = Request with { CanonicalKey = Request.CanonicalKey + " " };
        Assert.NotEqual(AnswerCache.KeyFor(Public, Request), AnswerCache.KeyFor(Public, other));
        Assert.NotEqual(AnswerCache.KeyFor(Public, Request), AnswerCache.KeyFor(Public with { Id = "gaia-dr2" }, Request));
    }

    [Fact]
    public void Each_access_scope_has_its_own_key()
    {
        var ops = Public with { AccessGroup = "ops" };
        var partners = Public with { AccessGroup = "partners" };
        string[] keys = [AnswerCache.KeyFor(Public, Request), AnswerCache.KeyFor(ops, Request), AnswerCache.KeyFor(partners, Request)];

        Assert.Equal(3, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("public", AccessContext.ScopeOf(Public));
        Assert.Equal("group:ops", AccessContext.ScopeOf(ops));
        Assert.StartsWith("das:v1:group:ops:gaia-dr3:", keys[1], StringComparison.Ordinal);
        Assert.StartsWith("das:v1:group:partners:gaia-dr3:", keys[2], StringComparison.Ordinal);
        // Group names are case-sensitive, like membership.
        Assert.NotEqual(keys[1], AnswerCache.KeyFor(Public with { AccessGroup = "OPS" }, Request));
    }

    [Fact]
    public void Members_see_their_group_and_nobody_else_does()
    {
        var ops = Public with { AccessGroup = "ops" };
        Assert.True(AccessContext.Anonymous.MaySee(Public));
        Assert.False(AccessContext.Anonymous.MaySee(ops));
        Assert.True(AccessContext.ForGroups("alice", "ops").MaySee(ops));
        Assert.False(AccessContext.ForGroups("mallory", "OPS", "partners").MaySee(ops));
    }
}
