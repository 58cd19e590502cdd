using Das.Vo.Adql;

namespace Das.Vo.Tests.Adql;

public sealed class AdqlIdentifierTests
{
    [Theory]
    [InlineData("ra", new[] { "ra" })]
    [InlineData("gaiadr3.gaia_source", new[] { "gaiadr3", "gaia_source" })]
    [InlineData("\"II/246\".\"out\"", new[] { "II/246", "out" })]
    [InlineData("\"say \"\"hi\"\"\"", new[] { "say \"hi\"" })]
    [InlineData("a.b.c.d", new[] { "a", "b", "c", "d" })]
    public void Valid_identifiers_parse_into_parts(string text, string[] parts)
    {
        var id = AdqlIdentifier.Parse(text);
        Assert.Equal(parts, id.Parts);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("select", "reserved word")]
    [InlineData("POINT", "reserved word")]
    [InlineData("2mass", "cannot start a name")]
    [InlineData("ra dec", "is not allowed in a name")]
    [InlineData("a.b.c.d.e", "more than four parts")]
    [InlineData("ra.", "ends with a dot")]
    [InlineData("\"open", "never closed")]
    [InlineData("\"\"", "empty quoted name")]
    [InlineData("", "cannot be empty")]
    public void Invalid_identifiers_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(AdqlIdentifier.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ra", "ra")]
    [InlineData("2MASS", "\"2MASS\"")]
    [InlineData("size", "\"size\"")]
    [InlineData("phot_g_mean_mag", "phot_g_mean_mag")]
    [InlineData("B-V", "\"B-V\"")]
    public void Schema_names_are_quoted_only_when_they_must_be(string name, string adql)
    {
        Assert.True(AdqlIdentifier.TryFromName(name, out var id, out _));
        Assert.Equal(adql, id.ToString());
    }
}
