using Das.Vo.Adql;

namespace Das.Vo.Tests.Adql;

public sealed class AdqlUploadMatchTests
{
    [Fact]
    public void The_join_returns_the_uploaded_row_the_distance_and_the_tables_columns_within_the_radius()
    {
        var adql = AdqlUploadMatch.Build(AdqlIdentifier.Parse("gaiadr3.gaia_source"), [AdqlIdentifier.Parse("source_id"), AdqlIdentifier.Parse("ra")],
            AdqlIdentifier.Parse("ra"), AdqlIdentifier.Parse("dec"), 1.0 / 3600.0, 100000);

        Assert.Equal(
            "SELECT TOP 100000 u.das_row, DISTANCE(POINT('ICRS', t.ra, t.dec), POINT('ICRS', u.das_ra, u.das_dec)) AS das_dist_deg, t.source_id, t.ra" +
            " FROM TAP_UPLOAD.das_upload AS u JOIN gaiadr3.gaia_source AS t" +
            " ON 1 = CONTAINS(POINT('ICRS', t.ra, t.dec), CIRCLE('ICRS', u.das_ra, u.das_dec, 0.0002777777777777778))", adql.Text);
    }

    [Fact]
    public void All_columns_are_t_star_and_delimited_names_stay_delimited()
    {
        var adql = AdqlUploadMatch.Build(AdqlIdentifier.Parse("\"VIII/65/nvss\""), [], AdqlIdentifier.Parse("RAJ2000"), AdqlIdentifier.Parse("\"DEJ2000\""), 0.001, 10);

        Assert.Contains("t.*", adql.Text, StringComparison.Ordinal);
        Assert.Contains("JOIN \"VIII/65/nvss\" AS t", adql.Text, StringComparison.Ordinal);
        Assert.Contains("POINT('ICRS', t.RAJ2000, t.\"DEJ2000\")", adql.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_radius_that_is_no_angle_is_refused(double radius) =>
        Assert.ThrowsAny<ArgumentException>(() => AdqlUploadMatch.Build(AdqlIdentifier.Parse("t"), [], AdqlIdentifier.Parse("ra"), AdqlIdentifier.Parse("dec"), radius, 10));

    [Fact]
    public void A_qualified_position_column_is_refused() =>
        Assert.Throws<ArgumentException>(() => AdqlUploadMatch.Build(AdqlIdentifier.Parse("t"), [], AdqlIdentifier.Parse("x.ra"), AdqlIdentifier.Parse("dec"), 0.001, 10));
}
