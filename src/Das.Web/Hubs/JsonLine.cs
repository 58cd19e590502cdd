using System.Text.Json;
using System.Text.Json.Serialization;

namespace Das.Web.Hubs;

/// <summary>
/// One line of the query stream, already written as UTF-8 JSON, that the hub sends as a JSON value in its message.
/// Yielding the line as a string would make SignalR encode it a second time (every quote escaped) and the page
/// parse it twice; with 50 pages over 25 sources that second pass was the hub's largest cost beside the sockets.
/// </summary>
[JsonConverter(typeof(JsonLineConverter))]
public sealed class JsonLine(ReadOnlyMemory<byte> utf8)
{
    /// <summary>The JSON text, one value, without the newline of NDJSON.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; } = TrimNewline(utf8);

    /// <summary>A line from a string of JSON.</summary>
    public static JsonLine FromString(string json) => new(System.Text.Encoding.UTF8.GetBytes(json));

    private static ReadOnlyMemory<byte> TrimNewline(ReadOnlyMemory<byte> utf8)
    {
        var span = utf8.Span;
        var end = span.Length;
        while (end > 0 && (span[end - 1] == (byte)'\n' || span[end - 1] == (byte)'\r'))
        {
            end--;
        }
        return utf8[..end];
    }

    /// <summary>Writes the bytes as they are: they were written by <see cref="Utf8JsonWriter"/> and are valid JSON.</summary>
    private sealed class JsonLineConverter : JsonConverter<JsonLine>
    {
        public override JsonLine Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return FromString(document.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, JsonLine value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
    }
}
