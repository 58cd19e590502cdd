using System.Text;
using Das.Vo.Vizier;

namespace Das.Vo.Tests.Vizier;

public sealed class CdsXMatchQueryTests
{
    private static readonly byte[] Positions = Encoding.UTF8.GetBytes("<VOTABLE/>");

    private static CdsXMatchQuery TwoMass => new() { Table = "II/246/out", RadiusArcsec = 1.5, Positions = Positions };

    [Fact]
    public void The_request_is_the_documented_form_with_the_list_as_cat1()
    {
        var request = TwoMass.BuildRequest();

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://cdsxmatch.u-strasbg.fr/xmatch/api/v1/sync", request.Endpoint.AbsoluteUri);
        Assert.Equal(
            [new("REQUEST", "xmatch"), new("distMaxArcsec", "1.5"), new("selection", "all"), new("RESPONSEFORMAT", "votable"),
             new("colRA1", "das_ra"), new("colDec1", "das_dec"), new("cat2", "vizier:II/246/out")],
            request.Parameters);
        var upload = Assert.Single(request.Uploads);
        Assert.Equal("cat1", upload.Name);
        Assert.Equal(Positions, upload.Content.ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(180.5)]
    [InlineData(double.NaN)]
    public void A_radius_outside_0_to_180_arcsec_is_refused_with_the_services_limit(double radius)
    {
        var problem = Assert.Throws<ArgumentException>(() => (TwoMass with { RadiusArcsec = radius }).BuildRequest());
        Assert.Contains("at most 180 arcsec", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("II/246/out extra")]
    [InlineData("II/246\n/out")]
    public void A_table_id_with_blanks_or_control_characters_is_refused(string table)
    {
        Assert.Throws<ArgumentException>(() => (TwoMass with { Table = table }).BuildRequest());
    }
}
