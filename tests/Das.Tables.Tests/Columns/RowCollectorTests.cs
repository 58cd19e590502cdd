using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Tests.Columns;

public sealed class RowCollectorTests
{
    private static Table Table(Column column) => new([column]);

    private static ScalarColumn<long> Longs(params long?[] values)
    {
        var column = new ScalarColumn<long>(new Field { Name = "x", DataType = VoDataType.Long, Id = "x-id" });
        foreach (var v in values)
        {
            if (v is { } n)
            {
                column.Append(n);
            }
            else
            {
                column.AppendNull();
            }
        }
        return column;
    }

    [Fact]
    public void Chosen_rows_of_each_table_are_appended_in_order_with_their_nulls()
    {
        var collector = new RowCollector();
        collector.Add(Table(Longs(1, 2, null, 4)), [0, 2]);
        collector.Add(Table(Longs(5, 6)), [1]);
        var table = collector.ToTable(Table(Longs()));

        Assert.Equal(3, table.RowCount);
        Assert.Equal([1L, null, 6L], Enumerable.Range(0, 3).Select(r => table.Columns[0].GetValue(r)));
        Assert.Null(table.Columns[0].Field.Id);
    }

    [Fact]
    public void A_column_a_later_table_holds_wider_is_widened_with_its_earlier_values()
    {
        var collector = new RowCollector();
        collector.Add(Table(Longs(1, null)), [0, 1]);
        var doubles = new ScalarColumn<double>(new Field { Name = "x", DataType = VoDataType.Double });
        doubles.Append(2.5);
        collector.Add(Table(doubles), [0]);
        var text = new StringColumn(new Field { Name = "x", DataType = VoDataType.Char, ArraySize = ArraySize.Variable });
        text.Append("n/a");
        collector.Add(Table(text), [0]);

        var column = Assert.IsType<StringColumn>(collector.ToTable(Table(text)).Columns[0]);
        Assert.Equal(["1", null, "2.5", "n/a"], Enumerable.Range(0, 4).Select(r => (string?)column.GetValue(r)));
    }

    [Fact]
    public void Tables_of_other_columns_are_refused()
    {
        var collector = new RowCollector();
        collector.Add(Table(Longs(1)), [0]);
        var other = new ScalarColumn<long>(new Field { Name = "y", DataType = VoDataType.Long });
        Assert.Throws<ArgumentException>(() => collector.Add(Table(other), []));
    }

    [Fact]
    public void No_rows_give_the_columns_of_the_shape()
    {
        var table = new RowCollector().ToTable(Table(Longs(7)));
        Assert.Equal(0, table.RowCount);
        Assert.Equal("x", table.Columns[0].Name);
    }
}
