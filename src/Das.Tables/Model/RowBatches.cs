namespace Das.Tables.Model;

/// <summary>
/// Asks a reader to hand a table's rows over in batches as they are read, instead of keeping them all: memory then
/// holds about one batch, whatever the size of the file. A batch is valid only while <see cref="Deliver"/> runs: the
/// reader then empties its columns and fills them with the next rows (no allocation per batch), so the receiver copies
/// what it keeps. The tables of the read result keep their metadata and no rows.
/// </summary>
/// <param name="Rows">Rows per batch, at least 1. A batch is handed over at the first block boundary at or past this
/// many rows (readers decode in blocks of some hundred kilobytes), and the last batch of a table holds what is left.</param>
/// <param name="Deliver">Receives each batch on the reading thread, between blocks; reading waits while it runs, and the batch is emptied when it returns.</param>
public sealed record RowBatches(int Rows, Action<RowBatch> Deliver)
{
    /// <summary>The row count, checked.</summary>
    public int Rows { get; } = Rows >= 1 ? Rows : throw new ArgumentOutOfRangeException(nameof(Rows), Rows, "A batch holds at least one row.");

    /// <summary>The receiver, checked.</summary>
    public Action<RowBatch> Deliver { get; } = Deliver ?? throw new ArgumentNullException(nameof(Deliver));
}

/// <summary>Consecutive rows of one table of a document.</summary>
/// <param name="TableIndex">Which table, counting the tables with data in document order from 0 (a CSV file has one).</param>
/// <param name="FirstRow">The table's row number of the first row here.</param>
/// <param name="Rows">The rows, with the table's columns (a CSV column whose type was widened part way is wider in later batches).</param>
public sealed record RowBatch(int TableIndex, long FirstRow, Table Rows);
