using System.Text;
using Das.Vo.Vizier;

namespace Das.Vo.Tests.Vizier;

public sealed class TapVizierUploadMatchTests
{
    private static readonly byte[] Positions = Encoding.UTF8.GetBytes("<VOTABLE/>");

    private static TapVizierUploadMatch Sdss => new()
    {
        Table = "V/154/sdss16", Columns = ["objID", "RA_ICRS", "DE_ICRS", "zsp"], RaColumn = "RA_ICRS", DecColumn = "DE_ICRS",
        RadiusDeg = 2.0 / 3600, MaxRows = 5000, Positions = Positions,
    };

    [Fact]
    public void The_upload_is_joined_to_the_quoted_table_id_on_the_named_position_columns()
    {
        var query = Sdss.Build();

        Assert.Equal(
            "SELECT TOP 5000 u.das_row, DISTANCE(POINT('ICRS', t.RA_ICRS, t.DE_ICRS), POINT('ICRS', u.das_ra, u.das_dec)) AS das_dist_deg," +
            " t.objID, t.RA_ICRS, t.DE_ICRS, t.zsp FROM TAP_UPLOAD.das_upload AS u JOIN \"V/154/sdss16\" AS t" +
            " ON 1 = CONTAINS(POINT('ICRS', t.RA_ICRS, t.DE_ICRS), CIRCLE('ICRS', u.das_ra, u.das_dec, 0.0005555555555555556))",
            query.Adql.Text);
        Assert.Equal(5000, query.MaxRecords);
    }

    [Fact]
    public void The_sync_request_names_the_upload_and_carries_the_VOTable_as_a_part()
    {
        var request = Sdss.Build().BuildSyncRequest();

        Assert.Equal("https://tapvizier.cds.unistra.fr/TAPVizieR/tap/sync", request.Endpoint.AbsoluteUri);
        Assert.Contains(request.Parameters, p => p.Key == "UPLOAD" && p.Value == "das_upload,param:das_upload");
        var upload = Assert.Single(request.Uploads);
        Assert.Equal("das_upload", upload.Name);
        Assert.Equal(Positions, upload.Content.ToArray());
    }

    [Fact]
    public void With_no_columns_every_column_of_the_table_comes_back()
    {
        var query = (Sdss with { Columns = [] }).Build();
        Assert.Contains("AS das_dist_deg, t.* FROM", query.Adql.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(181.0)]
    public void A_radius_outside_0_to_180_degrees_is_refused(double radiusDeg)
    {
        Assert.ThrowsAny<ArgumentException>(() => (Sdss with { RadiusDeg = radiusDeg }).Build());
    }
}
