using Das.Tables.VoTable;
using Das.Vo.Tap;

namespace Das.Vo.Tests.Tap;

public sealed class TapSchemaQueryTests
{
    private static readonly Uri Base = new("http://127.0.0.1:8089/tap");

    private static async Task<Das.Tables.Model.Table> DachsColumns()
    {
        await using var stream = Fixture.Open("Tap", "dachs-tap-schema-synthcat-columns.xml");
        var read = await VoTableReader.ReadAsync(stream, null, TestContext.Current.CancellationToken);
        return read.Document!.FirstResultsTable()!;
    }

    [Fact]
    public void Columns_of_one_table_name_the_table_as_a_quoted_literal()
    {
        var query = TapSchemaQuery.ColumnsOf(Base, "VIII/65/nvss");
        Assert.EndsWith("WHERE c.table_name = 'VIII/65/nvss'", query.Adql.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_name_with_quotes_cannot_break_out_of_its_literal()
    {
        var query = TapSchemaQuery.ColumnsOf(Base, "x' OR '1'='1");
        Assert.EndsWith("WHERE c.table_name = 'x'' OR ''1''=''1'", query.Adql.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("src.redshift' OR 1=1 --")]
    [InlineData("src.redshift%")]
    [InlineData("src redshift")]
    public void Ucd_prefix_that_is_not_a_ucd_is_refused(string prefix) =>
        Assert.Throws<ArgumentException>(() => TapSchemaQuery.ColumnsWithUcd(Base, prefix));

    [Fact]
    public void Ucd_search_is_a_prefix_like_on_tap_schema_columns()
    {
        var query = TapSchemaQuery.ColumnsWithUcd(Base, "src.redshift");
        Assert.Contains("FROM TAP_SCHEMA.columns AS c", query.Adql.Text, StringComparison.Ordinal);
        Assert.EndsWith("WHERE c.ucd LIKE 'src.redshift%'", query.Adql.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dachs_tap_schema_answer_becomes_a_schema_that_checks_column_names()
    {
        var schema = TapSchemaQuery.ReadSchema(await DachsColumns());
        Assert.Equal(["synthcat.main", "synthcat.specz"], schema.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Synthetic photometric source catalogue.", schema.FindTable("synthcat.main")!.Description);
        Assert.True(schema.TryColumn("synthcat.main", "gmag", out var gmag, out _));
        Assert.Equal("gmag", gmag.ToAdql().Text);
        Assert.False(schema.TryColumn("synthcat.main", "gmagnitude", out _, out var error));
        Assert.Equal("table synthcat.main has no column 'gmagnitude' (did you mean gmag?)", error);
        var ra = schema.FindTable("synthcat.specz")!.Columns.Single(c => c.Name == "ra");
        Assert.Equal(("deg", "pos.eq.ra;meta.main"), (ra.Unit, ra.Ucd));
    }

    [Fact]
    public async Task Ucd_filter_keeps_the_redshift_columns_and_not_their_errors()
    {
        var schema = TapSchemaQuery.ReadSchema(await DachsColumns(), "src.redshift");
        Assert.Equal(["synthcat.main.z", "synthcat.specz.z"],
            schema.Tables.SelectMany(t => t.Columns.Select(c => t.Name + "." + c.Name)).Order(StringComparer.Ordinal));
    }
}
