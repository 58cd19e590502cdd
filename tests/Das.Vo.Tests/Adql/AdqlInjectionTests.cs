using System.Globalization;
using Das.Vo.Adql;
using static Das.Vo.Tests.Adql.AdqlTokenizer;

namespace Das.Vo.Tests.Adql;

/// <summary>
/// Every attempt in the corpus goes into a query through each door the builder has (string value, identifier,
/// name from TAP_SCHEMA, number typed by a user). Each either is refused with a reason, or lands as exactly one
/// token of the intended kind, carrying the same text: the query's structure never changes.
/// </summary>
public sealed class AdqlInjectionTests
{
    private static readonly AdqlTemplate ValueTemplate =
        AdqlTemplate.Parse("SELECT TOP 10 * FROM basic WHERE main_id = {v} AND otype = 'Star'");

    public static TheoryData<string> Corpus => InjectionCorpus.All();

    [Fact]
    public void Corpus_holds_at_least_a_hundred_attempts() => Assert.True(Corpus.Count >= 100, $"{Corpus.Count} attempts");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Attempt_as_a_string_value_is_refused_or_stays_one_string_token(string attempt)
    {
        var baseline = Tokenize(ValueTemplate.Render(Values(AdqlLiteral.Text("benign"))).Text);
        if (!AdqlLiteral.TryText(attempt, out var literal, out var error))
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
            Assert.Contains("position", error, StringComparison.Ordinal);
            return;
        }
        var tokens = Tokenize(ValueTemplate.Render(Values(literal)).Text);
        Assert.Equal(baseline.Select(t => t.Kind), tokens.Select(t => t.Kind));
        int at = baseline.FindIndex(t => t is { Kind: Kind.String, Value: "benign" });
        Assert.Equal(attempt, tokens[at].Value);
        Assert.DoesNotContain(tokens, t => t.Kind == Kind.Comment);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Attempt_as_an_identifier_is_refused_or_stays_one_name(string attempt)
    {
        if (!AdqlIdentifier.TryParse(attempt, out var id, out var error))
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
            return;
        }
        var template = AdqlTemplate.Parse("SELECT {c} FROM t");
        var tokens = Tokenize(template.Render(new Dictionary<string, AdqlFragment> { ["c"] = id.ToAdql() }).Text);
        Assert.Equal("SELECT", tokens[0].Value);
        Assert.Equal(["FROM", "t"], tokens[^2..].Select(t => t.Value));
        var name = tokens[1..^2];
        // name = part ('.' part)*
        Assert.Equal(id.Parts.Count * 2 - 1, name.Count);
        for (int i = 0; i < name.Count; i++)
        {
            if (i % 2 == 1)
            {
                Assert.Equal(new Token(Kind.Punct, "."), name[i]);
            }
            else
            {
                Assert.Contains(name[i].Kind, new[] { Kind.Word, Kind.Delimited });
                Assert.Equal(id.Parts[i / 2], name[i].Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Attempt_as_a_name_from_the_schema_is_refused_or_one_name_token(string attempt)
    {
        if (!AdqlIdentifier.TryFromName(attempt, out var id, out var error))
        {
            Assert.False(string.IsNullOrWhiteSpace(error));
            return;
        }
        var tokens = Tokenize($"SELECT {id.ToAdql().Text} FROM t");
        Assert.Equal(4, tokens.Count);
        Assert.Contains(tokens[1].Kind, new[] { Kind.Word, Kind.Delimited });
        Assert.Equal(attempt, tokens[1].Value);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Attempt_typed_as_a_number_is_refused_or_one_numeric_token(string attempt)
    {
        if (!double.TryParse(attempt, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return; // never reaches the builder: the form's number parser rejects it
        }
        if (!double.IsFinite(value))
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => AdqlLiteral.Number(value));
            return;
        }
        var tokens = Tokenize(AdqlLiteral.Number(value).Text);
        var number = tokens[^1];
        Assert.Equal(Kind.Number, number.Kind);
        Assert.True(tokens.Count == 1 || (tokens.Count == 2 && tokens[0].Value == "-"));
        Assert.Equal(value, double.Parse((tokens.Count == 2 ? "-" : "") + number.Value, CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, AdqlFragment> Values(AdqlFragment v) => new(StringComparer.Ordinal) { ["v"] = v };
}
