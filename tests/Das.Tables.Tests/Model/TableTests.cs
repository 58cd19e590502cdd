using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Tests.Model;

public sealed class TableTests
{
    private static Field F(string name, VoDataType type, string? ucd = null) =>
        new() { Name = name, DataType = type, Ucd = ucd };

    [Fact]
    public void Columns_are_found_by_exact_name_before_case_insensitive()
    {
        var table = Table.FromFields([F("RA", VoDataType.Double), F("ra", VoDataType.Double)]);
        Assert.Same(table.Columns[1], table.FindColumn("ra"));
        Assert.Same(table.Columns[0], table.FindColumn("RA"));
        Assert.Same(table.Columns[0], table.FindColumn("Ra"));
        Assert.Null(table.FindColumn("dec"));
    }

    [Fact]
    public void Ucd_lookup_prefers_the_main_position_column()
    {
        var table = Table.FromFields(
        [
            F("ra_err", VoDataType.Double, "stat.error;pos.eq.ra"),
            F("raj2000", VoDataType.Double, "pos.eq.ra"),
            F("ra", VoDataType.Double, "pos.eq.ra;meta.main"),
        ]);
        Assert.Equal("ra", table.FindColumnByUcd("pos.eq.ra")?.Name);
    }

    [Fact]
    public void Row_count_ignores_a_half_read_row_until_trimmed()
    {
        var table = Table.FromFields([F("a", VoDataType.Int), F("b", VoDataType.Int)]);
        var a = (ScalarColumn<int>)table.Columns[0];
        var b = (ScalarColumn<int>)table.Columns[1];
        a.Append(1); b.Append(2);
        a.Append(3); // the document ended here
        Assert.Equal(1, table.RowCount);
        table.TrimToCompleteRows();
        Assert.All(table.Columns, c => Assert.Equal(1, c.Count));
        Assert.Equal(1, ((ScalarColumn<int>)table.Columns[0])[0]);
    }

    [Fact]
    public void Truncation_is_a_value_on_the_table()
    {
        var table = Table.FromFields([F("a", VoDataType.Int)]);
        Assert.False(table.IsTruncated);
        table.Truncation = new Truncation(TruncationReason.RowCap, "stopped at the row cap of 10 rows");
        Assert.True(table.IsTruncated);
    }
}
