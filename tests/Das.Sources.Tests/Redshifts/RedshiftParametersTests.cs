using Das.Sources.Redshifts;

namespace Das.Sources.Tests.Redshifts;

public sealed class RedshiftParametersTests
{
    private static RedshiftParameters Parse(params (string Key, string Value)[] pairs) =>
        RedshiftParameters.Parse(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), "format");

    [Fact]
    public void Position_in_sexagesimal_and_radius_in_arcsec_are_read()
    {
        var p = Parse(("ra", "22:16:04.8"), ("dec", "-07:53:55.7"), ("radius", "12.5"), ("format", "votable"));

        Assert.True(p.IsValid, string.Join("; ", p.Errors.Select(e => e.Message)));
        Assert.Equal(334.02, p.Position!.Value.Ra, 6);
        Assert.Equal(-7.898806, p.Position.Value.Dec, 5);
        Assert.Equal(12.5, p.RadiusArcsec);
    }

    [Fact]
    public void Without_radius_the_default_applies_and_a_name_may_stand_for_the_position()
    {
        var p = Parse(("NAME", "NGC 6302"));

        Assert.True(p.IsValid);
        Assert.Null(p.Position);
        Assert.Equal("NGC 6302", p.Name);
        Assert.Equal(RedshiftSearch.DefaultRadiusArcsec, p.RadiusArcsec);
    }

    [Fact]
    public void Every_problem_is_reported_under_its_parameter()
    {
        var p = Parse(("RA", "25h"), ("DEC", "-91"), ("RADIUS", "9000"), ("FOV", "2"));

        Assert.Equal(["DEC", "FOV", "RA", "RADIUS"], p.Errors.Select(e => e.Parameter).Order(StringComparer.Ordinal));
        Assert.Contains(p.Errors, e => e.Message == "RADIUS 9000 arcsec is out of range: it must be above 0 and at most 1800 arcsec");
        Assert.Contains(p.Errors, e => e.Message == "unknown parameter FOV (known: RA, DEC, NAME, RADIUS)");
    }

    [Theory]
    [InlineData("abc", "RADIUS 'abc' is not a number (arcsec)")]
    [InlineData("0", "RADIUS 0 arcsec is out of range: it must be above 0 and at most 1800 arcsec")]
    [InlineData("NaN", "RADIUS 'NaN' is not a number (arcsec)")]
    public void A_bad_radius_is_named(string radius, string message)
    {
        var p = Parse(("RA", "334.02"), ("DEC", "-7.8988"), ("RADIUS", radius));

        Assert.Equal(message, Assert.Single(p.Errors).Message);
    }

    [Fact]
    public void Neither_position_nor_name_is_refused()
    {
        var p = Parse(("RADIUS", "10"));

        Assert.Equal("give RA and DEC, or NAME", Assert.Single(p.Errors).Message);
    }
}
