using System.Text.Json;
using Das.Engine.Execution;
using Das.Tables.Writers.Json;

namespace Das.Sources.Redshifts;

/// <summary>
/// Redshift searches as JSON: the whole result (<c>{"search", "contributors", "table"}</c>, each contributor an
/// outcome as <see cref="OutcomeJson"/> writes it, the table in Das table JSON, docs/table-json.md), and the stream's
/// start line (<c>{"type":"start","search",...,"contributors":[{id,title}]}</c>), after which each contributor's
/// outcome follows as one line with its table.
/// </summary>
public static class RedshiftJson
{
    /// <summary>Writes the whole result.</summary>
    public static async Task WriteResultAsync(Stream stream, RedshiftResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(result);
        var head = new MemoryStream();
        await using (var json = new Utf8JsonWriter(head))
        {
            json.WriteStartObject();
            WriteSearch(json, result.Search);
            json.WriteEndObject();
        }
        // Reopen the object after "search" and add the contributors and the table.
        var bytes = head.ToArray();
        await stream.WriteAsync(bytes.AsMemory(0, bytes.Length - 1), cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(",\"contributors\":["u8.ToArray(), cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < result.Contributors.Count; i++)
        {
            if (i > 0)
            {
                await stream.WriteAsync(","u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }
            await OutcomeJson.WriteLineAsync(stream, result.Contributors[i], includeTable: false, null, cancellationToken).ConfigureAwait(false);
        }
        await stream.WriteAsync("],\"table\":"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await TableJsonWriter.WriteAsync(stream, result.Table, new TableJsonOptions { Indented = false }, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync("}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first line of a stream: the search as understood and the contributors that will answer.</summary>
    public static byte[] StartLine(RedshiftSearch search, IEnumerable<Das.Engine.Sources.IDataSource> contributors)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(contributors);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "start");
            WriteSearch(json, search);
            json.WriteStartArray("contributors");
            foreach (var c in contributors)
            {
                json.WriteStartObject();
                json.WriteString("id", c.Descriptor.Id);
                json.WriteString("title", c.Descriptor.Title);
                json.WriteString("protocol", c.Descriptor.Protocol);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteSearch(Utf8JsonWriter json, RedshiftSearch search)
    {
        json.WriteStartObject("search");
        json.WriteNumber("ra", search.Position.Ra);
        json.WriteNumber("dec", search.Position.Dec);
        json.WriteNumber("radiusArcsec", search.RadiusArcsec);
        json.WriteString("targetName", search.TargetName);
        json.WriteString("description", RedshiftResult.Describe(search));
        json.WriteEndObject();
    }
}
