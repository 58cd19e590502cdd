using System.Globalization;
using Das.Engine.Queries;

namespace Das.Engine.Tests.Queries;

/// <summary>
/// The URL grammar of the old service's links (RA, DEC, FOV, ERR, NAME, CAT, VIZ, IMG): the links people have
/// bookmarked still parse, and every bad value is reported under its own parameter, all at once.
/// </summary>
public sealed class QueryParametersTests
{
    private static QueryParameters Parse(string query) => QueryParameters.ParseQueryString(query);

    private static QueryParameterError SingleError(QueryParameters parsed, string parameter)
    {
        Assert.False(parsed.IsValid);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(parameter, error.Parameter);
        return error;
    }

    [Fact]
    public void Old_service_cone_link_gives_position_field_and_error_radius()
    {
        var q = Parse("?RA=307.888365&DEC=-7.088342&FOV=2&ERR=10");

        Assert.True(q.IsValid, string.Join("; ", q.Errors));
        Assert.Equal(307.888365, q.Position!.Value.Ra, 9);
        Assert.Equal(-7.088342, q.Position.Value.Dec, 9);
        Assert.Equal(2, q.FovArcmin);
        Assert.Equal(10, q.ErrArcsec);
        Assert.Null(q.Name);
        Assert.True(q.Selection.DefaultCatalogues);
        Assert.True(q.Selection.Images);
        Assert.Empty(q.Selection.Catalogues);
    }

    [Fact]
    public void Link_without_fov_or_err_takes_the_defaults()
    {
        var q = Parse("?RA=10&DEC=20");
        Assert.True(q.IsValid);
        Assert.Equal(SkyQuery.DefaultFovArcmin, q.FovArcmin);
        Assert.Equal(SkyQuery.DefaultErrArcsec, q.ErrArcsec);
    }

    [Fact]
    public void Cat_0_asks_no_catalogue_but_still_the_images()
    {
        var q = Parse("?RA=307.888365&DEC=-7.088342&CAT=0");
        Assert.True(q.IsValid, string.Join("; ", q.Errors));
        Assert.False(q.Selection.DefaultCatalogues);
        Assert.Empty(q.Selection.Catalogues);
        Assert.True(q.Selection.Images);
        Assert.False(q.Selection.IsEmpty);
    }

    [Fact]
    public void Cat_0_with_img_0_and_no_viz_asks_nothing()
    {
        var q = Parse("?RA=1&DEC=2&CAT=0&IMG=0");
        Assert.True(q.IsValid);
        Assert.True(q.Selection.IsEmpty);
    }

    [Fact]
    public void Cat_default_with_extra_vizier_catalogues()
    {
        var q = Parse("?RA=1&DEC=2&CAT=DEFAULT&VIZ=acker,V/84");
        Assert.True(q.IsValid, string.Join("; ", q.Errors));
        Assert.True(q.Selection.DefaultCatalogues);
        Assert.Equal(["acker", "V/84"], q.Selection.VizierCatalogues);
        Assert.Empty(q.Selection.Catalogues);
    }

    [Fact]
    public void Repeated_cat_names_sources_and_img_0_drops_the_images()
    {
        var q = Parse("?RA=1&DEC=2&CAT=ZTF&CAT=FINK&IMG=0");
        Assert.True(q.IsValid, string.Join("; ", q.Errors));
        Assert.False(q.Selection.DefaultCatalogues);
        Assert.Equal(["ZTF", "FINK"], q.Selection.Catalogues);
        Assert.False(q.Selection.Images);
    }

    [Fact]
    public void Same_source_named_twice_in_any_case_is_asked_once()
    {
        var q = Parse("?RA=1&DEC=2&CAT=ZTF&cat=ztf&VIZ=V/84&VIZ=v/84");
        Assert.True(q.IsValid);
        Assert.Single(q.Selection.Catalogues);
        Assert.Single(q.Selection.VizierCatalogues);
    }

    [Fact]
    public void Parameter_names_are_case_insensitive()
    {
        var q = Parse("?ra=10&Dec=20&fov=3&err=4&cat=default&img=0");
        Assert.True(q.IsValid, string.Join("; ", q.Errors));
        Assert.Equal(3, q.FovArcmin);
        Assert.Equal(4, q.ErrArcsec);
        Assert.False(q.Selection.Images);
    }

    [Theory]
    [InlineData("20:31:33.2076", "-07:05:18.031")]
    [InlineData("20%2031%2033.2076", "-07%2005%2018.031")]
    [InlineData("20+31+33.2076", "-07+05+18.031")]
    [InlineData("20h31m33.2076s", "-7d05m18.031s")]
    public void Sexagesimal_ra_and_dec_are_read_as_hours_and_degrees(string ra, string dec)
    {
        var q = Parse($"?RA={ra}&DEC={dec}");
        Assert.True(q.IsValid, string.Join("; ", q.Errors));
        Assert.Equal(307.888365, q.Position!.Value.Ra, 6);
        Assert.Equal(-7.088342, q.Position.Value.Dec, 6);
    }

    [Fact]
    public void Encoded_plus_sign_of_a_northern_declination_is_kept()
    {
        var q = Parse("?RA=10:41:00.5&DEC=%2B41:16:07");
        Assert.True(q.IsValid, string.Join("; ", q.Errors));
        Assert.Equal(41.268611, q.Position!.Value.Dec, 5);
    }

    [Fact]
    public void Name_alone_is_a_query_to_resolve()
    {
        var q = Parse("?NAME=M+31&FOV=5");
        Assert.True(q.IsValid, string.Join("; ", q.Errors));
        Assert.Null(q.Position);
        Assert.Equal("M 31", q.Name);
        var query = q.ToQuery(new Das.Sky.Positions.SkyPosition(10.684708, 41.26875));
        Assert.Equal("M 31", query.TargetName);
        Assert.Equal(5, query.FovArcmin);
    }

    [Fact]
    public void Numbers_are_read_the_same_under_any_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var q = Parse("?RA=307.888365&DEC=-7.088342&FOV=2.5&ERR=0.5");
            Assert.True(q.IsValid, string.Join("; ", q.Errors));
            Assert.Equal(2.5, q.FovArcmin);
            Assert.Equal(0.5, q.ErrArcsec);
            Assert.Equal(307.888365, q.Position!.Value.Ra, 9);
            // "2,5" is a German decimal, not a number in a URL.
            Assert.Equal("FOV", SingleError(Parse("?RA=1&DEC=2&FOV=2,5"), "FOV").Parameter);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Bad_ra_names_the_character_where_it_went_wrong()
    {
        const string ra = "20:3x:33.2";
        var error = SingleError(Parse($"?RA={ra}&DEC=-7.08"), "RA");
        Assert.Equal(ra.IndexOf('x', StringComparison.Ordinal), error.Index);
        Assert.StartsWith($"RA at character {error.Index}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Character_index_counts_the_blanks_typed_before_the_value()
    {
        const string ra = "  20:3x:33.2";
        var error = SingleError(Parse("?RA=" + Uri.EscapeDataString(ra) + "&DEC=-7.08"), "RA");
        Assert.Equal(ra.IndexOf('x', StringComparison.Ordinal), error.Index);
        Assert.StartsWith($"RA at character {error.Index}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dec_beyond_the_pole_is_an_error_under_dec()
    {
        var error = SingleError(Parse("?RA=10&DEC=95"), "DEC");
        Assert.NotNull(error.Index);
        Assert.Contains("Dec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ra_minutes_out_of_range_are_an_error_under_ra()
    {
        var error = SingleError(Parse("?RA=20:61:00&DEC=10"), "RA");
        Assert.Contains("61", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?DEC=10", "RA", "RA is missing (DEC was given)")]
    [InlineData("?RA=10", "DEC", "DEC is missing (RA was given)")]
    [InlineData("?FOV=2", "RA", "give RA and DEC, or NAME")]
    [InlineData("", "RA", "give RA and DEC, or NAME")]
    public void Missing_coordinates_are_reported(string query, string parameter, string message)
    {
        var error = SingleError(Parse(query), parameter);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("0", "FOV 0 arcmin is out of range: it must be above 0 and at most 600 arcmin")]
    [InlineData("-3", "FOV -3 arcmin is out of range: it must be above 0 and at most 600 arcmin")]
    [InlineData("600.5", "FOV 600.5 arcmin is out of range: it must be above 0 and at most 600 arcmin")]
    [InlineData("abc", "FOV 'abc' is not a number (arcmin)")]
    [InlineData("NaN", "FOV 'NaN' is not a number (arcmin)")]
    [InlineData("1e400", "FOV '1e400' is not a number (arcmin)")]
    [InlineData("2arcmin", "FOV '2arcmin' is not a number (arcmin)")]
    public void Fov_out_of_range_or_not_a_number_is_reported_under_fov(string fov, string message)
    {
        var parsed = Parse($"?RA=1&DEC=2&FOV={fov}");
        Assert.Equal(message, SingleError(parsed, "FOV").Message);
        Assert.Equal(SkyQuery.DefaultFovArcmin, parsed.FovArcmin);
    }

    [Fact]
    public void Largest_fov_and_err_are_accepted()
    {
        var q = Parse(string.Create(CultureInfo.InvariantCulture, $"?RA=1&DEC=2&FOV={QueryParameters.MaxFovArcmin}&ERR={QueryParameters.MaxErrArcsec}"));
        Assert.True(q.IsValid, string.Join("; ", q.Errors));
    }

    [Fact]
    public void Err_beyond_five_degrees_is_reported_under_err()
    {
        Assert.Equal("ERR 18001 arcsec is out of range: it must be above 0 and at most 18000 arcsec",
            SingleError(Parse("?RA=1&DEC=2&ERR=18001"), "ERR").Message);
    }

    [Theory]
    [InlineData("x' OR 1=1", "x' OR 1=1")]
    [InlineData("x%27%20OR%201%3D1", "x' OR 1=1")]
    [InlineData("gaia;DROP TABLE sources", "gaia;DROP TABLE sources")]
    [InlineData("<script>alert(1)</script>", "<script>alert(1)</script>")]
    [InlineData("ztf\"--", "ztf\"--")]
    [InlineData("a%0Ab", "a?b")]
    public void Cat_value_that_is_not_a_source_name_is_refused_and_never_selected(string cat, string shown)
    {
        var parsed = Parse($"?RA=1&DEC=2&CAT={cat}");
        var error = SingleError(parsed, "CAT");
        Assert.Equal($"CAT '{shown}' is not a source name (letters, digits and . _ - / + only)", error.Message);
        Assert.Empty(parsed.Selection.Catalogues);
    }

    [Fact]
    public void Injection_in_one_cat_value_does_not_drop_the_good_ones()
    {
        var parsed = Parse("?RA=1&DEC=2&CAT=ZTF&CAT=x' OR 1=1&CAT=FINK");
        Assert.Equal("CAT", SingleError(parsed, "CAT").Parameter);
        Assert.Equal(["ZTF", "FINK"], parsed.Selection.Catalogues);
    }

    [Fact]
    public void Viz_value_that_is_not_a_catalogue_id_is_refused()
    {
        var parsed = Parse("?RA=1&DEC=2&VIZ=I/239' UNION SELECT 1");
        Assert.Equal("VIZ 'I/239' UNION SELECT 1' is not a VizieR catalogue name or id", SingleError(parsed, "VIZ").Message);
        Assert.Empty(parsed.Selection.VizierCatalogues);
    }

    [Fact]
    public void Long_bad_value_is_echoed_short()
    {
        var parsed = Parse("?RA=1&DEC=2&CAT=" + new string('\'', 5000));
        Assert.Equal($"CAT '{new string('\'', 40)}' is not a source name (letters, digits and . _ - / + only)", SingleError(parsed, "CAT").Message);
    }

    [Theory]
    [InlineData("?RA=1&DEC=2&CAT=0&CAT=ZTF")]
    [InlineData("?RA=1&DEC=2&CAT=0&CAT=DEFAULT")]
    [InlineData("?RA=1&DEC=2&CAT=0,ZTF")]
    [InlineData("?RA=1&DEC=2&CAT=DEFAULT,0")]
    public void Cat_0_combined_with_other_cat_values_is_a_contradiction(string query)
    {
        Assert.Equal("CAT=0 (no catalogues) cannot be combined with other CAT values", SingleError(Parse(query), "CAT").Message);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("yes")]
    public void Img_other_than_0_1_or_default_is_reported_under_img(string img)
    {
        Assert.Equal($"IMG '{img}' must be 0 (no images), 1 or DEFAULT", SingleError(Parse($"?RA=1&DEC=2&IMG={img}"), "IMG").Message);
    }

    [Fact]
    public void Unknown_parameter_is_named_with_the_known_ones()
    {
        var error = SingleError(Parse("?RA=1&DEC=2&RADIUS=5"), "RADIUS");
        Assert.Equal("unknown parameter RADIUS (known: RA, DEC, FOV, ERR, NAME, CAT, VIZ, IMG)", error.Message);
    }

    [Fact]
    public void Unknown_parameter_name_is_echoed_short_and_printable()
    {
        var parsed = Parse("?RA=1&DEC=2&" + new string('Z', 5000) + "%0A=1");
        var error = Assert.Single(parsed.Errors);
        Assert.True(error.Message.Length < 200, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\n', error.Parameter);
    }

    [Fact]
    public void Parameter_given_twice_with_different_values_is_an_error()
    {
        Assert.Equal("RA is given 2 times with different values", SingleError(Parse("?RA=1&DEC=2&RA=3"), "RA").Message);
        Assert.Equal("FOV is given 2 times with different values", SingleError(Parse("?RA=1&DEC=2&FOV=3&fov=4"), "FOV").Message);
        Assert.Equal("IMG is given 2 times with different values", SingleError(Parse("?RA=1&DEC=2&IMG=0&IMG=1"), "IMG").Message);
    }

    [Fact]
    public void Parameter_given_twice_with_the_same_value_is_accepted()
    {
        var q = Parse("?RA=1&DEC=2&RA=1&FOV=3&FOV=3");
        Assert.True(q.IsValid, string.Join("; ", q.Errors));
        Assert.Equal(3, q.FovArcmin);
    }

    [Fact]
    public void Name_with_control_characters_or_too_long_is_refused()
    {
        Assert.Equal("NAME", SingleError(Parse("?NAME=M%0A31"), "NAME").Parameter);
        Assert.Equal($"an object name must be at most {QueryParameters.MaxNameLength} printable characters",
            SingleError(Parse("?NAME=" + new string('x', QueryParameters.MaxNameLength + 1)), "NAME").Message);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once_under_its_own_parameter()
    {
        var parsed = Parse("?RA=20:3x:00&DEC=95&FOV=0&ERR=x&CAT=x' OR 1=1&VIZ=a b&IMG=2&BOGUS=1");

        Assert.False(parsed.IsValid);
        Assert.Equal(["BOGUS", "CAT", "DEC", "ERR", "FOV", "IMG", "RA", "VIZ"], parsed.Errors.Select(e => e.Parameter).Order(StringComparer.Ordinal));
        Assert.All(parsed.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.Null(parsed.Position);
    }

    [Fact]
    public void Source_names_allow_ids_aliases_and_vizier_ids_only()
    {
        Assert.True(QueryParameters.IsSourceName("gaia-dr3"));
        Assert.True(QueryParameters.IsSourceName("II/246/out"));
        Assert.True(QueryParameters.IsSourceName("J/A+A/600/A1"));
        Assert.True(QueryParameters.IsSourceName("vizier.acker_1992"));
        Assert.False(QueryParameters.IsSourceName(""));
        Assert.False(QueryParameters.IsSourceName("a b"));
        Assert.False(QueryParameters.IsSourceName("a'b"));
        Assert.False(QueryParameters.IsSourceName("ä"));
        Assert.False(QueryParameters.IsSourceName(new string('a', 81)));
    }

    [Fact]
    public void Search_radius_covers_the_error_circle_and_the_field()
    {
        var small = new SkyQuery { Position = new(1, 2), FovArcmin = 2, ErrArcsec = 10 };
        Assert.Equal(1.0 / 60, small.SearchRadiusDeg(Sources.ResultKind.Catalogue), 12);
        var frb = new SkyQuery { Position = new(1, 2), FovArcmin = 2, ErrArcsec = 600 };
        Assert.Equal(600.0 / 3600, frb.SearchRadiusDeg(Sources.ResultKind.Catalogue), 12);
        Assert.Equal(2.0 / 60 * Math.Sqrt(2) / 2, frb.SearchRadiusDeg(Sources.ResultKind.Images), 12);
    }
}
