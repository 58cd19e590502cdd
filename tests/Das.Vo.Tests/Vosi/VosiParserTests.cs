using Das.Vo.Vosi;

namespace Das.Vo.Tests.Vosi;

public sealed class VosiParserTests
{
    private static IReadOnlyList<VosiCapability> Capabilities(string name)
    {
        using var stream = Fixture.Open("Vosi", name);
        Assert.True(VosiParser.TryParseCapabilities(stream, out var caps, out var error), error);
        return caps;
    }

    [Fact]
    public void Tap_capability_from_dachs_lists_languages_limits_and_access_url()
    {
        var tap = Assert.Single(Capabilities("dachs-tap-capabilities.xml"), c => c.StandardId == "ivo://ivoa.net/std/TAP");
        Assert.Equal("tr:TableAccess", tap.Type);
        Assert.Contains("ADQL 2.1", tap.Languages);
        Assert.Equal(20000, tap.DefaultOutputLimit);
        Assert.Equal(20_000_000, tap.HardOutputLimit);
        Assert.Equal("http://127.0.0.1:8089/tap", tap.StandardAccessUrl);
        Assert.Contains(tap.OutputFormats, f => f.StartsWith("application/x-votable+xml", StringComparison.Ordinal));
        Assert.NotEmpty(tap.UploadMethods);
    }

    [Fact]
    public void Capability_without_standard_id_is_kept_and_does_not_break_parsing()
    {
        var caps = Capabilities("dachs-scs-capabilities-with-unstandard-capability.xml");
        var form = Assert.Single(caps, c => c.StandardId is null);
        Assert.Equal("http://127.0.0.1:8089/synthcat/q/cone/form", form.StandardAccessUrl);
        var scs = Assert.Single(caps, c => c.StandardId == "ivo://ivoa.net/std/ConeSearch");
        Assert.Equal("http://127.0.0.1:8089/synthcat/q/cone/scs.xml?", scs.StandardAccessUrl);
    }

    [Fact]
    public void Availability_from_dachs_is_up_with_its_start_time()
    {
        using var stream = Fixture.Open("Vosi", "dachs-availability.xml");
        Assert.True(VosiParser.TryParseAvailability(stream, out var availability, out var error), error);
        Assert.True(availability.Available);
        Assert.NotNull(availability.UpSince);
    }

    [Fact]
    public void Unavailable_service_reports_when_it_is_back_and_why()
    {
        var xml = """
            <vosi:availability xmlns:vosi="http://www.ivoa.net/xml/VOSIAvailability/v1.0">
              <vosi:available>false</vosi:available>
              <vosi:backAt>2026-11-25T08:00:00Z</vosi:backAt>
              <vosi:note>Database maintenance</vosi:note>
            </vosi:availability>
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        Assert.True(VosiParser.TryParseAvailability(stream, out var availability, out _));
        Assert.False(availability.Available);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero), availability.BackAt);
        Assert.Equal(["Database maintenance"], availability.Notes);
    }

    [Fact]
    public void Capabilities_request_answered_with_html_is_refused_naming_what_came()
    {
        using var stream = new MemoryStream("<html><head><title>Oops</title></head><body/></html>"u8.ToArray());
        Assert.False(VosiParser.TryParseCapabilities(stream, out _, out var error));
        Assert.Contains("found <html>", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_table_document_from_tables_slash_name_is_read_with_its_columns()
    {
        using var stream = Fixture.Open("Vosi", "dachs-single-table-synthcat-specz.xml");
        Assert.True(VosiParser.TryParseTables(stream, out var schema, out var error), error);
        var table = Assert.Single(schema.Tables);
        Assert.Equal("synthcat.specz", table.Name);
        Assert.Contains(table.Columns, c => c.Name == "z" && c.Ucd == "src.redshift");
        Assert.Equal(8, table.Columns.Count);
    }
}
