using System.Globalization;
using Das.Vo.Adql;

namespace Das.Vo.Tests.Adql;

public sealed class AdqlConeTests
{
    private static AdqlIdentifier Id(string s) => AdqlIdentifier.Parse(s);

    [Fact]
    public void Cone_query_has_the_contains_circle_form_nearest_first()
    {
        var q = AdqlCone.Build(Id("gaiadr3.gaia_source"), [Id("source_id"), Id("ra"), Id("dec")], Id("ra"), Id("dec"),
            160.252083, -7.5, 0.002777777777777778, 2000);
        Assert.Equal(
            "SELECT TOP 2000 source_id, ra, dec, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 160.252083, -7.5)) AS das_dist_deg " +
            "FROM gaiadr3.gaia_source WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 160.252083, -7.5, 0.002777777777777778)) " +
            "ORDER BY das_dist_deg",
            q.Text);
    }

    [Fact]
    public void Numbers_are_written_with_a_point_whatever_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("12,5", 12.5.ToString(CultureInfo.CurrentCulture)); // the culture is real here
            var q = AdqlCone.Build(Id("t"), [], Id("ra"), Id("dec"), 12.5, -0.25, 0.5, 10);
            Assert.Contains("CIRCLE('ICRS', 12.5, -0.25, 0.5)", q.Text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Delimited_table_names_stay_quoted()
    {
        var q = AdqlCone.Build(Id("\"II/246\".\"out\""), [], Id("RAJ2000"), Id("DEJ2000"), 1, 2, 0.1, 50);
        Assert.Contains("FROM \"II/246\".\"out\" AS t WHERE", q.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 0, 0.1)]
    [InlineData(360, 0, 0.1)]
    [InlineData(double.NaN, 0, 0.1)]
    [InlineData(10, 90.0001, 0.1)]
    [InlineData(10, 0, 0)]
    [InlineData(10, 0, 181)]
    public void Out_of_range_cone_is_refused(double ra, double dec, double radius) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AdqlCone.Build(Id("t"), [], Id("ra"), Id("dec"), ra, dec, radius, 10));

    [Fact]
    public void Very_small_radius_uses_exponent_notation_that_adql_accepts()
    {
        var q = AdqlCone.Build(Id("t"), [], Id("ra"), Id("dec"), 1, 2, 1e-7, 10);
        Assert.Contains("1E-07)", q.Text, StringComparison.Ordinal);
    }
}
