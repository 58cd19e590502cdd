using System.Globalization;
using System.Text;
using Das.Vo.Adql;
using Das.Vo.Http;
using Das.Vo.NameResolution;
using Das.Vo.Scs;
using Das.Vo.Sia;
using Das.Vo.Ssa;
using Das.Vo.Tap;
using Das.Vo.Vizier;

namespace Das.Vo.Tests.Http;

public sealed class RequestBuilderTests
{
    [Fact]
    public void Scs_request_appends_to_an_endpoint_that_already_ends_with_a_question_mark()
    {
        var request = new ScsQuery
        {
            Endpoint = new Uri("http://127.0.0.1:8089/synthcat/q/cone/scs.xml?"),
            RaDeg = 334.02,
            DecDeg = -7.8988,
            RadiusDeg = 0.01,
        }.BuildRequest();
        Assert.Equal("http://127.0.0.1:8089/synthcat/q/cone/scs.xml?RA=334.02&DEC=-7.8988&SR=0.01", request.Url.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, request.Method);
    }

    [Fact]
    public void Scs_request_keeps_existing_parameters_of_the_endpoint()
    {
        var request = new ScsQuery
        {
            Endpoint = new Uri("https://vizier.cds.unistra.fr/viz-bin/conesearch/VIII/65/nvss?-out.all"),
            RaDeg = 10,
            DecDeg = 41.5,
            RadiusDeg = 0.1,
            Verbosity = 3,
        }.BuildRequest();
        Assert.Equal("https://vizier.cds.unistra.fr/viz-bin/conesearch/VIII/65/nvss?-out.all&RA=10&DEC=41.5&SR=0.1&VERB=3", request.Url.AbsoluteUri);
    }

    [Fact]
    public void Sia1_request_has_pos_and_size()
    {
        var request = new Sia1Query { Endpoint = new Uri("http://127.0.0.1:8089/synthimg/q/i/siap.xml"), RaDeg = 334.02, DecDeg = -7.8988, SizeDeg = 0.1, Format = "image/fits" }.BuildRequest();
        Assert.Equal("http://127.0.0.1:8089/synthimg/q/i/siap.xml?POS=334.02,-7.8988&SIZE=0.1&FORMAT=image/fits", request.Url.AbsoluteUri);
    }

    [Fact]
    public void Sia2_request_encodes_the_circle_with_percent_twenty()
    {
        var request = new Sia2Query
        {
            Endpoint = new Uri("http://127.0.0.1:8089/__system__/siap2/sitewide/siap2.xml"),
            Region = new Sia2Region.Circle(334.02, -7.8988, 0.05),
            Band = (5.42e-7, double.PositiveInfinity),
            MaxRecords = 100,
        }.BuildRequest();
        Assert.Equal("http://127.0.0.1:8089/__system__/siap2/sitewide/siap2.xml?POS=CIRCLE%20334.02%20-7.8988%200.05&BAND=5.42E-07%20%2BInf&MAXREC=100",
            request.Url.AbsoluteUri);
    }

    [Fact]
    public void Sia2_polygon_needs_three_vertices()
    {
        var query = new Sia2Query { Endpoint = new Uri("http://x/sia2"), Region = new Sia2Region.Polygon([(1, 2), (3, 4)]) };
        Assert.Throws<ArgumentException>(() => query.BuildRequest());
    }

    [Fact]
    public void Ssa_request_is_a_query_data_with_pos_and_size()
    {
        var request = new SsaQuery { Endpoint = new Uri("http://127.0.0.1:8089/synthspec/q/ssa/ssap.xml"), RaDeg = 334.02, DecDeg = -7.8988, SizeDeg = 0.01 }.BuildRequest();
        Assert.Equal("http://127.0.0.1:8089/synthspec/q/ssa/ssap.xml?REQUEST=queryData&POS=334.02,-7.8988&SIZE=0.01", request.Url.AbsoluteUri);
    }

    [Fact]
    public void Tap_sync_request_posts_the_adql_to_sync_and_keeps_it_as_provenance()
    {
        var adql = AdqlCone.Build(AdqlIdentifier.Parse("synthcat.main"), [], AdqlIdentifier.Parse("ra"), AdqlIdentifier.Parse("dec"), 334.02, -7.8988, 0.01, 100);
        var request = new TapQuery { BaseUrl = new Uri("http://127.0.0.1:8089/tap"), Adql = adql, MaxRecords = 100 }.BuildSyncRequest();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:8089/tap/sync", request.Endpoint.AbsoluteUri);
        Assert.Equal("doQuery", request.Parameter("REQUEST"));
        Assert.Equal("ADQL", request.Parameter("LANG"));
        Assert.Equal(adql.Text, request.Parameter("QUERY"));
        Assert.Equal("100", request.Parameter("MAXREC"));
        Assert.Contains(adql.Text, request.Provenance, StringComparison.Ordinal);
    }

    [Fact]
    public void Tap_async_request_starts_the_job_at_once()
    {
        var request = new TapQuery { BaseUrl = new Uri("http://127.0.0.1:8089/tap/"), Adql = AdqlLiteral.Whole(1) }.BuildAsyncRequest();
        Assert.Equal("http://127.0.0.1:8089/tap/async", request.Endpoint.AbsoluteUri);
        Assert.Equal("RUN", request.Parameter("PHASE"));
    }

    [Fact]
    public void Tap_upload_names_each_table_as_a_multipart_parameter()
    {
        var request = new TapQuery
        {
            BaseUrl = new Uri("http://127.0.0.1:8089/tap"),
            Adql = AdqlLiteral.Whole(1),
            Uploads = [new VoUpload("mine", "<VOTABLE/>"u8.ToArray())],
        }.BuildSyncRequest();
        Assert.Equal("mine,param:mine", request.Parameter("UPLOAD"));
    }

    [Theory]
    [InlineData("my table")]
    [InlineData("a;b")]
    [InlineData("select")]
    [InlineData("x.y")]
    public void Tap_upload_name_that_is_not_a_simple_name_is_refused(string name)
    {
        var query = new TapQuery { BaseUrl = new Uri("http://x/tap"), Adql = AdqlLiteral.Whole(1), Uploads = [new VoUpload(name, new byte[1])] };
        Assert.Throws<ArgumentException>(() => query.BuildSyncRequest());
    }

    [Fact]
    public void Vizier_request_matches_the_documented_asu_cone_form()
    {
        var request = new VizierAsuQuery { Sources = ["VIII/65/nvss"], RaDeg = 334.02, DecDeg = -7.8988, RadiusArcsec = 10 }.BuildRequest();
        Assert.Equal(
            "https://vizier.cds.unistra.fr/viz-bin/votable?-source=VIII/65/nvss&-c=334.02-7.8988&-c.rs=10&-out.max=50&-out.add=_r&-sort=_r&-out.meta=huD&-oc.form=d",
            request.Url.AbsoluteUri);
    }

    [Fact]
    public void Vizier_positive_declination_sends_an_encoded_plus()
    {
        var request = new VizierAsuQuery { Sources = ["I/355/gaiadr3"], RaDeg = 160.25, DecDeg = 41.27, RadiusArcsec = 5 }.BuildRequest();
        Assert.Contains("-c=160.25%2B41.27&", request.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Vizier_redshift_search_uses_the_ucd_without_sources()
    {
        var request = new VizierAsuQuery { Ucd = "src.redshift*", RaDeg = 334.02, DecDeg = -7.8988, RadiusArcsec = 10 }.BuildRequest();
        Assert.StartsWith("https://vizier.cds.unistra.fr/viz-bin/votable?-ucd=src.redshift*&-c=334.02-7.8988", request.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VIII/65/nvss&-out.max=unlimited")]
    [InlineData("II/246 out")]
    [InlineData("")]
    public void Vizier_source_that_could_smuggle_parameters_is_refused(string source) =>
        Assert.Throws<ArgumentException>(() => new VizierAsuQuery { Sources = [source], RaDeg = 1, DecDeg = 1, RadiusArcsec = 1 }.BuildRequest());

    [Fact]
    public void Sesame_request_puts_the_encoded_name_as_the_query_string()
    {
        var request = new SesameQuery { Name = "M 31" }.BuildRequest();
        Assert.Equal("https://cds.unistra.fr/cgi-bin/nph-sesame/-oxpI/SNV?M%2031", request.Url.AbsoluteUri);
    }

    [Fact]
    public void Sesame_name_with_ampersand_cannot_add_a_second_name()
    {
        var request = new SesameQuery { Name = "NGC 224&M 33" }.BuildRequest();
        Assert.EndsWith("?NGC%20224%26M%2033", request.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("M3\u00011")]
    [InlineData("M31\nSELECT")]
    public void Sesame_refuses_empty_or_control_character_names(string name) =>
        Assert.Throws<ArgumentException>(() => new SesameQuery { Name = name }.BuildRequest());

    [Fact]
    public void Cache_key_changes_with_the_uploaded_bytes()
    {
        VoRequest Make(string body) => new TapQuery
        {
            BaseUrl = new Uri("http://x/tap"),
            Adql = AdqlLiteral.Whole(1),
            Uploads = [new VoUpload("t", Encoding.UTF8.GetBytes(body))],
        }.BuildSyncRequest();
        Assert.NotEqual(Make("<a/>").CacheKey, Make("<b/>").CacheKey);
        Assert.Equal(Make("<a/>").CacheKey, Make("<a/>").CacheKey);
    }

    [Fact]
    public void Parameters_are_formatted_in_the_invariant_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            var request = new ScsQuery { Endpoint = new Uri("http://x/scs"), RaDeg = 12.5, DecDeg = -0.25, RadiusDeg = 0.5 }.BuildRequest();
            Assert.Equal("http://x/scs?RA=12.5&DEC=-0.25&SR=0.5", request.Url.AbsoluteUri);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(-0.1, 0, 0.1)]
    [InlineData(360, 0, 0.1)]
    [InlineData(10, -91, 0.1)]
    [InlineData(10, 0, 0)]
    [InlineData(double.NaN, 0, 1)]
    public void Out_of_range_cone_is_refused_before_anything_is_sent(double ra, double dec, double sr) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScsQuery { Endpoint = new Uri("http://x/scs"), RaDeg = ra, DecDeg = dec, RadiusDeg = sr }.BuildRequest());

    [Fact]
    public void Non_http_endpoint_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ScsQuery { Endpoint = new Uri("file:///etc/passwd"), RaDeg = 1, DecDeg = 1, RadiusDeg = 1 }.BuildRequest());
    }
}
