using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Tests.VoTable;

/// <summary>
/// Answers captured with curl from the DaCHS peer (/work/shared/peers/dachs, synthetic deterministic data), checked
/// against the values its README states.
/// </summary>
public sealed class DachsAnswerTests
{
    [Theory]
    [InlineData("Dachs/tap_sync_binary.xml")]
    [InlineData("Dachs/tap_sync_binary2.xml")]
    [InlineData("Dachs/tap_sync_tabledata.xml")]
    public async Task Tap_sync_frb_field_gives_the_anchor_source_first(string name)
    {
        var result = await Fixture.ReadAsync(name);
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(QueryStatus.Ok, result.QueryStatus);
        var table = result.FirstTable();
        Assert.Equal(20, table.RowCount);
        Assert.Null(table.Truncation);
        Assert.Equal(1L, table.FindColumn("id")!.GetValue(0));
        Assert.Equal(334.02, (double)table.FindColumn("ra")!.GetValue(0)!, 9);
        Assert.Equal(-7.8988, (double)table.FindColumn("dec")!.GetValue(0)!, 9);
        Assert.Equal(21.42f, table.FindColumn("gmag")!.GetValue(0));
        Assert.Equal(0.234f, table.FindColumn("z")!.GetValue(0));
        Assert.Equal("GALAXY", table.FindColumn("class")!.GetValue(0));
        Assert.Equal("FRB_HOST", table.FindColumn("field")!.GetValue(0));
        Assert.Same(table.FindColumn("ra"), table.FindColumnByUcd("pos.eq.ra"));
        Assert.True(table.FindColumn("z")!.NullCount > 0); // stars have no redshift
    }

    [Fact]
    public async Task Scs_frb_field_gives_26_rows_with_the_anchor()
    {
        var result = await Fixture.ReadAsync("Dachs/scs_frb_field.xml");
        Assert.Equal(QueryStatus.Ok, result.QueryStatus);
        var table = result.FirstTable();
        Assert.Equal(26, table.RowCount);
        var id = (StringColumn)table.FindColumn("id")!; // SCS ids are char, as SCS 1.03 wants
        Assert.Equal("1", id.GetString(0));
        Assert.Equal("ID_MAIN", id.Field.Ucd);
        Assert.Equal(0.0, table.FindColumn("_r")!.GetValue(0));
    }

    [Fact]
    public async Task Scs_with_maxrec_5_overflows()
    {
        var result = await Fixture.ReadAsync("Dachs/scs_overflow_maxrec5.xml");
        Assert.Equal(QueryStatus.Overflow, result.QueryStatus);
        var table = result.FirstTable();
        Assert.Equal(5, table.RowCount);
        Assert.Equal(TruncationReason.ServiceOverflow, table.Truncation?.Reason);
    }

    [Fact]
    public async Task Tap_with_maxrec_5_overflows_after_the_rows()
    {
        var result = await Fixture.ReadAsync("Dachs/tap_overflow_maxrec5.xml");
        Assert.Equal(QueryStatus.Overflow, result.QueryStatus); // OK before the table, OVERFLOW after it
        Assert.Equal(5, result.FirstTable().RowCount);
        Assert.True(result.IsTruncated);
    }

    [Fact]
    public async Task Tap_bad_adql_is_an_error_document_with_http_200()
    {
        var result = await Fixture.ReadAsync("Dachs/tap_error_bad_adql.xml");
        Assert.True(result.Succeeded);
        Assert.Equal(QueryStatus.Error, result.QueryStatus);
        Assert.Contains("Could not parse your query", result.Document!.QueryStatusInfo()!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sia1_frb_field_gives_three_images()
    {
        var table = (await Fixture.ReadAsync("Dachs/sia1_frb_field.xml")).FirstTable();
        Assert.Equal(3, table.RowCount);
        var accref = (StringColumn)table.FindColumn("accref")!;
        Assert.All(Enumerable.Range(0, 3), r => Assert.StartsWith("http://127.0.0.1:8089/getproduct/synthimg/data/frb_host_", accref.GetString(r), StringComparison.Ordinal));
        Assert.Equal("image/fits", table.FindColumn("mime")!.GetValue(0));
    }

    [Fact]
    public async Task Sia2_frb_field_gives_three_images_and_a_datalink_meta_resource()
    {
        var result = await Fixture.ReadAsync("Dachs/sia2_frb_field.xml");
        var table = result.FirstTable();
        Assert.Equal(3, table.RowCount);
        Assert.All(Enumerable.Range(0, 3), r => Assert.Equal("image", table.FindColumn("dataproduct_type")!.GetValue(r)));
        var meta = Assert.Single(result.Document!.Resources, r => r.Type == "meta");
        Assert.Equal("adhoc:service", meta.Utype);
        Assert.NotEmpty(meta.Params);
    }

    [Fact]
    public async Task Ssa_frb_host_gives_one_spectrum_in_tabledata()
    {
        var table = (await Fixture.ReadAsync("Dachs/ssa_frb_host.xml")).FirstTable();
        Assert.Equal(1, table.RowCount);
        Assert.Equal("SynthSpec FRB host galaxy 2023-06-15", table.FindColumn("ssa_dstitle")!.GetValue(0));
        Assert.Equal("application/fits", table.FindColumn("mime")!.GetValue(0));
    }

    [Fact]
    public async Task Datalink_answer_reads()
    {
        var result = await Fixture.ReadAsync("Dachs/datalink_meta.xml");
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.True(result.FirstTable().RowCount >= 1);
    }
}
