using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using Das.Engine.Sources;
using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Tables.Writers.VoTable;
using Microsoft.Extensions.Caching.Hybrid;

namespace Das.Engine.Caching;

/// <summary>
/// How an answer is stored outside the process (Redis): a small JSON header (fetch time, provenance, notes,
/// truncation) followed by the table as a BINARY2 VOTable — bytes we own and our own reader reads back exactly,
/// never a runtime object format.
/// </summary>
internal sealed class CachedAnswerSerializer : IHybridCacheSerializer<CachedAnswer>
{
    private const byte FormatVersion = 1;

    public void Serialize(CachedAnswer value, IBufferWriter<byte> target)
    {
        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteString("fetchedAt", value.FetchedAt);
            json.WriteString("provenance", value.Provenance);
            json.WriteNumber("bytesRead", value.Answer.BytesRead);
            json.WriteStartArray("notes");
            foreach (var note in value.Answer.Notes)
            {
                json.WriteStringValue(note);
            }
            json.WriteEndArray();
            if (value.Answer.Table.Truncation is { } truncation)
            {
                json.WriteString("truncation", truncation.Reason.ToString());
                json.WriteString("truncationMessage", truncation.Message);
            }
            json.WriteEndObject();
        }
        var prefix = target.GetSpan(5);
        prefix[0] = FormatVersion;
        BinaryPrimitives.WriteInt32LittleEndian(prefix[1..], (int)header.Length);
        target.Advance(5);
        target.Write(header.GetBuffer().AsSpan(0, (int)header.Length));

        // The writer only awaits the MemoryStream, whose writes complete synchronously: no thread is blocked.
        var table = new MemoryStream();
        VoTableWriter.WriteTableAsync(table, value.Answer.Table, new VoTableWriteOptions { Serialization = VoTableSerialization.Binary2, Indent = false, Base64LineLength = 0 },
            CancellationToken.None).GetAwaiter().GetResult();
        target.Write(table.GetBuffer().AsSpan(0, (int)table.Length));
    }

    public CachedAnswer Deserialize(ReadOnlySequence<byte> source)
    {
        var bytes = source.ToArray();
        if (bytes.Length < 5 || bytes[0] != FormatVersion)
        {
            throw new InvalidDataException("not a cached answer of this Das version");
        }
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(1));
        using var header = JsonDocument.Parse(bytes.AsMemory(5, headerLength));
        var root = header.RootElement;
        using var tableBytes = new MemoryStream(bytes, 5 + headerLength, bytes.Length - 5 - headerLength, writable: false);
        var read = VoTableReader.ReadAsync(tableBytes, null, CancellationToken.None).GetAwaiter().GetResult();
        var table = read.Document?.FirstResultsTable() ?? throw new InvalidDataException("the cached answer holds no table: " + read.Failure?.Message);
        if (root.TryGetProperty("truncation", out var reason))
        {
            table.Truncation = new Truncation(Enum.Parse<TruncationReason>(reason.GetString()!), root.GetProperty("truncationMessage").GetString() ?? "");
        }
        var answer = new SourceAnswer
        {
            Table = table,
            BytesRead = root.GetProperty("bytesRead").GetInt64(),
            Notes = [.. root.GetProperty("notes").EnumerateArray().Select(n => n.GetString() ?? "")],
        };
        return new CachedAnswer(answer, root.GetProperty("fetchedAt").GetDateTimeOffset(), root.GetProperty("provenance").GetString() ?? "");
    }
}
