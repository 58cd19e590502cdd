using Das.Vo.Adql;

namespace Das.Vo.Tests.Adql;

public sealed class AdqlTemplateTests
{
    [Fact]
    public void Placeholders_are_listed_once_each()
    {
        var t = AdqlTemplate.Parse("SELECT * FROM x WHERE a < {v} AND b > {v} AND c = {w}");
        Assert.Equal(new HashSet<string> { "v", "w" }, t.Placeholders);
    }

    [Theory]
    [InlineData("SELECT * FROM x WHERE name = '{v}'", "inside a quoted string")]
    [InlineData("SELECT \"{v}\" FROM x", "inside a quoted identifier")]
    [InlineData("SELECT * FROM x -- {v}\nWHERE 1=1", "in the comment")]
    [InlineData("SELECT * FROM x WHERE a = {1v}", "does not start a placeholder")]
    [InlineData("SELECT * FROM x WHERE a = {v", "does not start a placeholder")]
    [InlineData("SELECT * FROM x WHERE a = v}", "closes no placeholder")]
    [InlineData("SELECT * FROM x WHERE a = 'open", "never closed")]
    [InlineData("   ", "empty")]
    public void Malformed_templates_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(AdqlTemplate.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Doubled_braces_are_literal_braces()
    {
        var t = AdqlTemplate.Parse("SELECT '{{x}}' FROM t WHERE a = {v}");
        var q = t.Render(new Dictionary<string, AdqlFragment> { ["v"] = AdqlLiteral.Whole(3) });
        Assert.Equal("SELECT '{x}' FROM t WHERE a = 3", q.Text);
    }

    [Fact]
    public void Missing_value_names_the_placeholder()
    {
        var t = AdqlTemplate.Parse("SELECT * FROM t WHERE a = {ra} AND b = {dec}");
        var ex = Assert.Throws<ArgumentException>(() => t.Render(new Dictionary<string, AdqlFragment> { ["ra"] = AdqlLiteral.Number(1) }));
        Assert.Contains("{dec}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_without_a_placeholder_is_an_error_not_ignored()
    {
        var t = AdqlTemplate.Parse("SELECT * FROM t WHERE a = {ra}");
        var ex = Assert.Throws<ArgumentException>(() => t.Render(new Dictionary<string, AdqlFragment>
        {
            ["ra"] = AdqlLiteral.Number(1),
            ["radius"] = AdqlLiteral.Number(2),
        }));
        Assert.Contains("{radius}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_glued_to_a_keyword_still_becomes_its_own_token()
    {
        var t = AdqlTemplate.Parse("SELECT TOP{n} * FROM t");
        Assert.Equal("SELECT TOP 5 * FROM t", t.Render(new Dictionary<string, AdqlFragment> { ["n"] = AdqlLiteral.Whole(5) }).Text);
    }
}
