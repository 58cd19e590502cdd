using System.Numerics;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Tests.Columns;

public sealed class ColumnTests
{
    private static Field F(VoDataType type, string? arraysize = null) =>
        new() { Name = "c", DataType = type, ArraySize = ArraySize.Parse(arraysize) };

    [Theory]
    [InlineData(VoDataType.Double, null, typeof(ScalarColumn<double>))]
    [InlineData(VoDataType.Bit, null, typeof(ScalarColumn<bool>))]
    [InlineData(VoDataType.Char, "*", typeof(StringColumn))]
    [InlineData(VoDataType.Char, null, typeof(StringColumn))]
    [InlineData(VoDataType.UnicodeChar, "20", typeof(StringColumn))]
    [InlineData(VoDataType.Int, "3", typeof(ArrayColumn<int>))]
    [InlineData(VoDataType.DoubleComplex, null, typeof(ScalarColumn<Complex>))]
    [InlineData(VoDataType.Float, "2x*", typeof(ArrayColumn<float>))]
    public void Create_picks_the_column_kind_from_datatype_and_arraysize(VoDataType type, string? arraysize, Type expected) =>
        Assert.IsType(expected, Column.Create(F(type, arraysize)));

    [Fact]
    public void Scalar_column_keeps_values_across_chunk_boundaries()
    {
        var column = new ScalarColumn<long>(F(VoDataType.Long));
        const int n = (1 << 16) * 2 + 123;
        for (long i = 0; i < n; i++)
        {
            if (i % 1000 == 7)
            {
                column.AppendNull();
            }
            else
            {
                column.Append(i * 3);
            }
        }
        Assert.Equal(n, column.Count);
        Assert.Equal(n / 1000 + (n % 1000 > 7 ? 1 : 0), column.NullCount);
        Assert.Equal(65_536L * 3, column[65_536]);
        Assert.True(column.IsNull(131_007));
        Assert.Null(column.GetValue(131_007));
        Assert.Equal((n - 1L) * 3, column[n - 1]);

        var copy = new long[10];
        column.CopyTo(65_530, copy);
        Assert.Equal(65_530L * 3, copy[0]);
        Assert.Equal(65_539L * 3, copy[9]);
    }

    [Fact]
    public void Data_bytes_count_the_values_held_and_allocated_bytes_the_capacity()
    {
        var doubles = new ScalarColumn<double>(F(VoDataType.Double));
        var text = new StringColumn(F(VoDataType.Char, "*"));
        for (int i = 0; i < 1000; i++)
        {
            doubles.Append(i);
            text.Append("abc");
        }
        Assert.Equal(8000, doubles.DataBytes);
        Assert.True(doubles.AllocatedBytes >= doubles.DataBytes);
        Assert.Equal(1000 * (3 * 2 + 8 + 4), text.DataBytes); // UTF-16 characters, an offset and a length per cell
        Assert.True(text.AllocatedBytes >= text.DataBytes);
    }

    [Fact]
    public void Null_float_cells_hold_nan_so_numeric_scans_see_no_value()
    {
        var column = new ScalarColumn<double>(F(VoDataType.Double));
        column.Append(1.5);
        column.AppendNull();
        Assert.True(double.IsNaN(column[1]));
        Assert.False(column.TryGet(1, out _));
        Assert.True(column.TryGet(0, out var v));
        Assert.Equal(1.5, v);
    }

    [Fact]
    public void Set_null_marks_an_appended_cell()
    {
        var column = new ScalarColumn<int>(F(VoDataType.Int));
        column.Append(-999);
        column.SetNull(0);
        Assert.True(column.IsNull(0));
        Assert.Equal(1, column.NullCount);
    }

    [Fact]
    public void String_column_distinguishes_empty_from_null_and_keeps_non_ascii()
    {
        var column = new StringColumn(F(VoDataType.UnicodeChar, "*"));
        column.Append("");
        column.AppendNull();
        column.Append("близко к краю");
        column.Append("星団の候補");
        Assert.Equal("", column.GetString(0));
        Assert.Null(column.GetString(1));
        Assert.Equal("близко к краю", column.GetString(2));
        Assert.Equal("星団の候補", column.GetValue(3));
    }

    [Fact]
    public void String_column_holds_a_million_short_strings_in_few_blocks()
    {
        var column = new StringColumn(F(VoDataType.Char, "*"));
        for (int i = 0; i < 1_000_000; i++)
        {
            column.Append(i % 2 == 0 ? "GALAXY" : "STAR");
        }
        Assert.Equal("STAR", column.GetString(999_999));
        // 5 M chars of text: the blocks, offsets and lengths cost a few tens of MB at most, not a million objects.
        Assert.InRange(column.AllocatedBytes, 5_000_000L * 2, 40_000_000L);
    }

    [Fact]
    public void String_longer_than_a_block_gets_its_own_block()
    {
        var column = new StringColumn(F(VoDataType.Char, "*"));
        column.Append("a");
        var big = new string('x', (1 << 20) + 5);
        column.Append(big);
        column.Append("b");
        Assert.Equal(big, column.GetString(1));
        Assert.Equal("b", column.GetString(2));
    }

    [Fact]
    public void Reserved_text_commits_only_the_written_length()
    {
        var column = new StringColumn(F(VoDataType.Char, "16"));
        var span = column.Reserve(16);
        "GALAXY".AsSpan().CopyTo(span);
        column.CommitReserved(6);
        column.Append("QSO");
        Assert.Equal("GALAXY", column.GetString(0));
        Assert.Equal("QSO", column.GetString(1));
    }

    [Fact]
    public void Array_column_keeps_variable_lengths_and_nulls()
    {
        var column = new ArrayColumn<double>(F(VoDataType.Double, "*"));
        column.Append([1, 2, 3]);
        column.AppendNull();
        column.Append([]);
        Assert.Equal([1.0, 2, 3], column.GetSpan(0).ToArray());
        Assert.Null(column.GetValue(1));
        Assert.Empty((double[])column.GetValue(2)!);
    }

    [Fact]
    public void Copying_cells_preserves_nulls_and_values()
    {
        var source = new ScalarColumn<short>(F(VoDataType.Short));
        source.Append(7);
        source.AppendNull();
        var target = new ScalarColumn<short>(F(VoDataType.Short));
        ColumnCopier.CopyCell(source, 0, target);
        ColumnCopier.CopyCell(source, 1, target);
        Assert.Equal(7, target[0]);
        Assert.True(target.IsNull(1));
    }

    [Fact]
    public void Copying_between_different_kinds_is_refused()
    {
        var source = new ScalarColumn<short>(F(VoDataType.Short));
        source.Append(7);
        var target = new StringColumn(F(VoDataType.Char, "*"));
        Assert.Throws<ArgumentException>(() => ColumnCopier.CopyCell(source, 0, target));
    }
}
