using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Tables.Writers.VoTable;

namespace Das.Tables.Storage;

/// <summary>
/// A table kept for later as one block of bytes (a BINARY2 VOTable, which our reader reads back exactly) instead of
/// its object graph. A server that keeps thousands of answers for a while (for their downloads) keeps as many
/// hundreds of thousands of objects as live tables, columns, fields and strings, and each collection of the young
/// generations had to trace and copy them: 50 MB of kept outcomes made one collection pause the server for 100 ms.
/// One array per table costs the collector next to nothing, and it is allocated on the pinned object heap, which
/// is never compacted, so it is not copied from generation to generation either.
/// </summary>
public sealed class FrozenTable
{
    private readonly byte[] _bytes;
    private readonly Truncation? _truncation;

    private FrozenTable(byte[] bytes, Truncation? truncation)
    {
        _bytes = bytes;
        _truncation = truncation;
    }

    /// <summary>Bytes held.</summary>
    public long Bytes => _bytes.Length;

    /// <summary>Writes <paramref name="table"/> into a new frozen table (the table itself is not changed).</summary>
    public static FrozenTable Freeze(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var buffer = new MemoryStream();
        // The writer only awaits the MemoryStream, whose writes complete synchronously: no thread is blocked.
        VoTableWriter.WriteTableAsync(buffer, table, new VoTableWriteOptions { Serialization = VoTableSerialization.Binary2, Indent = false, Base64LineLength = 0 },
            CancellationToken.None).GetAwaiter().GetResult();
        var bytes = GC.AllocateUninitializedArray<byte>((int)buffer.Length, pinned: true);
        buffer.GetBuffer().AsSpan(0, bytes.Length).CopyTo(bytes);
        return new FrozenTable(bytes, table.Truncation);
    }

    /// <summary>A new table with the frozen one's metadata and cells (and its truncation, which VOTable does not hold).</summary>
    /// <exception cref="InvalidDataException">The bytes do not read back (they always should).</exception>
    public Table Thaw()
    {
        using var input = new MemoryStream(_bytes, writable: false);
        var read = VoTableReader.ReadAsync(input, new VoTableReaderOptions { UseMultipleCores = false }, CancellationToken.None).GetAwaiter().GetResult();
        var table = read.Document?.FirstResultsTable() ?? throw new InvalidDataException("a frozen table did not read back: " + read.Failure?.Message);
        table.Truncation = _truncation;
        return table;
    }
}
