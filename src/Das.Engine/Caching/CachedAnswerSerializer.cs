using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using Das.Engine.Sources;
using Das.Tables.Model;
using Das.Tables.Storage;
using Microsoft.Extensions.Caching.Hybrid;

namespace Das.Engine.Caching;

/// <summary>
/// How an answer is stored outside the process (Redis): a small JSON header (fetch time, provenance, notes,
/// truncation) followed by the table as Das stores tables (<see cref="StoredTable"/>: a BINARY2 VOTable).
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

        var table = new MemoryStream();
        StoredTable.Write(table, value.Answer.Table);
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
        var table = StoredTable.Read(tableBytes);
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
