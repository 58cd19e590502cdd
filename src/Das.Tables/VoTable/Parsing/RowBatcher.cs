using Das.Tables.Model;

namespace Das.Tables.VoTable.Parsing;

/// <summary>
/// Hands the rows decoded into a table's columns over as <see cref="RowBatch"/>es: after a block, once the columns
/// hold a batch's worth, they become the batch and every slot starts a fresh column.
/// </summary>
internal sealed class RowBatcher(RowBatches options, int tableIndex, string? tableName)
{
    /// <summary>Rows handed over so far.</summary>
    public long Delivered { get; private set; }

    /// <summary>Called between blocks, when every column holds the same complete rows.</summary>
    public void AfterBlock(ColumnSlot[] slots)
    {
        if (slots.Length > 0 && slots[0].Column.Count >= options.Rows)
        {
            Flush(slots);
        }
    }

    /// <summary>Hands over what the columns hold (complete rows only), then empties them for the next rows.</summary>
    public void Flush(ColumnSlot[] slots)
    {
        if (slots.All(s => s.Column.Count == 0))
        {
            return;
        }
        var rows = new Table(slots.Select(s => s.Column)) { Name = tableName };
        rows.TrimToCompleteRows();
        if (rows.RowCount > 0)
        {
            var batch = new RowBatch(tableIndex, Delivered, rows);
            Delivered += rows.RowCount;
            options.Deliver(batch);
        }
        // The receiver is done with the batch: its columns' storage takes the next rows (no allocation per batch).
        foreach (var slot in slots)
        {
            slot.ClearColumn();
        }
    }
}
