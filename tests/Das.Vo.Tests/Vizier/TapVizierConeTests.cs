using Das.Vo.Vizier;

namespace Das.Vo.Tests.Vizier;

public sealed class TapVizierConeTests
{
    private static TapVizierCone Nvss => new() { Table = "VIII/65/nvss", RaDeg = 334.02, DecDeg = -7.8988, RadiusArcsec = 10 };

    [Fact]
    public void Vizier_table_id_goes_out_as_a_delimited_identifier_with_the_j2000_columns()
    {
        var query = Nvss.Build();
        Assert.Equal(
            "SELECT TOP 50 t.*, DISTANCE(POINT('ICRS', RAJ2000, DEJ2000), POINT('ICRS', 334.02, -7.8988)) AS das_dist_deg" +
            " FROM \"VIII/65/nvss\" AS t WHERE 1 = CONTAINS(POINT('ICRS', RAJ2000, DEJ2000), CIRCLE('ICRS', 334.02, -7.8988, 0.002777777777777778))" +
            " ORDER BY das_dist_deg",
            query.Adql.Text);
        Assert.Equal(50, query.MaxRecords);
        Assert.Equal("https://tapvizier.cds.unistra.fr/TAPVizieR/tap/sync", query.BuildSyncRequest().Endpoint.AbsoluteUri);
    }

    [Fact]
    public void Column_names_that_are_not_regular_adql_are_quoted()
    {
        var query = (Nvss with { Columns = ["NVSS", "S1.4", "_RAJ2000"] }).Build();
        Assert.StartsWith("SELECT TOP 50 NVSS, \"S1.4\", \"_RAJ2000\", DISTANCE", query.Adql.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_id_with_a_double_quote_stays_inside_its_identifier()
    {
        var query = (Nvss with { Table = "VIII/65/nvss\" WHERE 1=1 --" }).Build();
        Assert.Contains("FROM \"VIII/65/nvss\"\" WHERE 1=1 --\" AS t WHERE", query.Adql.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_of_one_table_come_from_its_own_vosi_tables_document()
    {
        var request = TapVizierCone.TableMetadataRequest(TapVizierCone.DefaultBaseUrl, "J/ApJ/859/101/table1");
        Assert.Equal("https://tapvizier.cds.unistra.fr/TAPVizieR/tap/tables/J/ApJ/859/101/table1", request.Url.AbsoluteUri);
    }

    [Theory]
    [InlineData("VIII/../../admin")]
    [InlineData("VIII//nvss")]
    [InlineData("")]
    public void Table_metadata_request_refuses_names_that_are_not_table_ids(string table) =>
        Assert.ThrowsAny<ArgumentException>(() => TapVizierCone.TableMetadataRequest(TapVizierCone.DefaultBaseUrl, table));
}
