using Das.Vo.Vosi;

namespace Das.Vo.Tests.Vosi;

public sealed class ServiceSchemaTests
{
    private static ServiceSchema Dachs()
    {
        using var stream = Fixture.Open("Vosi", "dachs-tap-tables.xml");
        Assert.True(VosiParser.TryParseTables(stream, out var schema, out var error), error);
        return schema;
    }

    [Fact]
    public void Dachs_tables_document_lists_the_catalogue_with_its_columns_units_and_ucds()
    {
        var main = Dachs().FindTable("synthcat.main");
        Assert.NotNull(main);
        var ra = Assert.Single(main.Columns, c => c.Name == "ra");
        Assert.Equal("deg", ra.Unit);
        Assert.Equal("pos.eq.ra;meta.main", ra.Ucd);
        Assert.Contains(main.Columns, c => c.Name == "z" && c.Ucd == "src.redshift");
    }

    [Fact]
    public void Known_column_becomes_a_checked_identifier()
    {
        Assert.True(Dachs().TryColumn("synthcat.main", "rmag", out var id, out var error), error);
        Assert.Equal("rmag", id.ToString());
    }

    [Fact]
    public void Column_named_like_a_reserved_word_is_quoted()
    {
        Assert.True(Dachs().TryColumn("synthcat.main", "class", out var id, out _));
        Assert.Equal("class", id.ToString()); // "class" is not an ADQL reserved word
        var schema = new ServiceSchema([new SchemaTable("t", null, [new SchemaColumn("size", "double", null, null, null)])]);
        Assert.True(schema.TryColumn("t", "size", out var size, out _));
        Assert.Equal("\"size\"", size.ToString());
    }

    [Fact]
    public void Unknown_column_is_refused_with_the_close_names()
    {
        Assert.False(Dachs().TryColumn("synthcat.main", "mag", out _, out var error));
        Assert.StartsWith("table synthcat.main has no column 'mag' (did you mean ", error, StringComparison.Ordinal);
        Assert.Contains("rmag", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_table_is_refused()
    {
        Assert.False(Dachs().TryTable("synthcat.nosuch", out _, out var error));
        Assert.StartsWith("the service has no table 'synthcat.nosuch'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Injection_through_a_column_name_is_refused_as_unknown()
    {
        Assert.False(Dachs().TryColumn("synthcat.main", "ra FROM x; --", out _, out var error));
        Assert.Contains("has no column", error, StringComparison.Ordinal);
    }
}
