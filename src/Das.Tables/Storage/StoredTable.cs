using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Tables.Writers.VoTable;

namespace Das.Tables.Storage;

/// <summary>
/// How Das stores a table for itself (the answer cache in Redis, the outcomes kept for downloads): one BINARY2 VOTable
/// without indentation or line breaks, bytes we own and our own reader reads back exactly, never a runtime object
/// format. The truncation is not part of it (VOTable has no place for it): callers keep it beside the bytes.
/// </summary>
public static class StoredTable
{
    private static readonly VoTableWriteOptions Options =
        new() { Serialization = VoTableSerialization.Binary2, Indent = false, Base64LineLength = 0 };

    /// <summary>Writes <paramref name="table"/> to <paramref name="stream"/>, synchronously.</summary>
    /// <remarks>For streams whose writes complete synchronously (memory): the writer's awaits then block no thread.</remarks>
    public static void Write(Stream stream, Table table) =>
        VoTableWriter.WriteTableAsync(stream, table, Options, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Reads back a table <see cref="Write"/> wrote, synchronously (from memory).</summary>
    /// <exception cref="InvalidDataException">The bytes hold no table.</exception>
    public static Table Read(Stream stream)
    {
        var read = VoTableReader.ReadAsync(stream, new VoTableReaderOptions { UseMultipleCores = false }, CancellationToken.None).GetAwaiter().GetResult();
        return read.Document?.FirstResultsTable() ?? throw new InvalidDataException("the stored table did not read back: " + read.Failure?.Message);
    }
}
