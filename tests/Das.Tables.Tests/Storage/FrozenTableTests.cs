using Das.Tables.Model;
using Das.Tables.Storage;
using Das.Tables.Tests.Interop;

namespace Das.Tables.Tests.Storage;

public sealed class FrozenTableTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3_000)]
    public void A_thawed_table_has_the_frozen_tables_fields_cells_and_nulls(int rows)
    {
        // Every datatype of the random tables: scalars, fixed and variable arrays, complex numbers, non-ASCII text.
        var table = RandomTables.Create(77, rows);
        using var frozen = FrozenTable.Freeze(table);
        var thawed = frozen.Thaw();
        Assert.NotSame(table, thawed);
        Assert.Equal(rows, thawed.RowCount);
        // Compared as every BINARY2 round trip is: nulls exact, NaN a float's null, floatComplex at float precision,
        // declarations as the writer widens them so every cell fits (what a VOTable download gives).
        TableAssert.SameCells(table, TableDump.ToJson(thawed), WrittenAs.Binary2, readByDas: true);
    }

    [Fact]
    public void Truncation_which_a_votable_does_not_hold_is_kept_beside_the_bytes()
    {
        var table = RandomTables.Create(78, 10);
        table.Truncation = new Truncation(TruncationReason.ByteCap, "stopped after 10 MB");
        using var frozen = FrozenTable.Freeze(table);
        table.Truncation = null; // the frozen copy does not follow later changes
        Assert.Equal(new Truncation(TruncationReason.ByteCap, "stopped after 10 MB"), frozen.Thaw().Truncation);
        Assert.True(frozen.Bytes > 0);
    }

    [Fact]
    public void A_disposed_frozen_table_no_longer_thaws()
    {
        var frozen = FrozenTable.Freeze(RandomTables.Create(79, 5));
        Assert.Equal(5, frozen.Thaw().RowCount);
        frozen.Dispose();
        frozen.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => frozen.Thaw());
    }
}
