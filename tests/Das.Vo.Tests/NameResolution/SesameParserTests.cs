using Das.Vo.NameResolution;

namespace Das.Vo.Tests.NameResolution;

public sealed class SesameParserTests
{
    private static SesameResult Parse(string name)
    {
        using var stream = Fixture.Open("NameResolution", name);
        Assert.True(SesameParser.TryParse(stream, out var result, out var error), error);
        return result;
    }

    [Fact]
    public void Known_name_is_resolved_by_the_first_database_that_answered()
    {
        var result = Parse("m31-simbad-ned-vizier.xml");
        Assert.Equal("M 31", result.Name);
        Assert.Equal(3, result.Answers.Count);
        var best = result.Best!;
        Assert.Equal("SIMBAD", best.Database);
        Assert.Equal(10.68470833, best.RaDeg);
        Assert.Equal(41.26875, best.DecDeg);
        Assert.Equal("M 31", best.ObjectName); // SIMBAD's padding folded
        Assert.Equal("AGN", best.ObjectType);
        Assert.Contains("Andromeda Galaxy", best.Aliases);
        Assert.Equal(["SIMBAD", "NED", "VizieR"], result.Answers.Select(a => a.Database));
    }

    [Fact]
    public void Unknown_name_has_no_best_answer_and_keeps_each_database_message()
    {
        var result = Parse("unknown-name.xml");
        Assert.Null(result.Best);
        Assert.All(result.Answers, a => Assert.False(a.HasPosition));
        Assert.Contains("*** Not recognized by NED: Bogus Name Xyz", result.Answers[1].Messages);
        Assert.Contains("*** Bogus Name Xyz: not found", result.Messages);
    }

    [Fact]
    public void Out_of_range_coordinates_are_dropped_and_the_next_resolver_wins()
    {
        var result = Parse("ned-only-first-bad-coordinates.xml");
        Assert.False(result.Answers[0].HasPosition);
        Assert.Equal("SIMBAD", result.Best?.Database);
        Assert.Equal(326.1052292, result.Best?.RaDeg);
    }

    [Fact]
    public void Html_page_instead_of_sesame_xml_is_refused()
    {
        using var stream = Fixture.Open("NameResolution", "html-error-page.xml");
        Assert.False(SesameParser.TryParse(stream, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
