using System.Text.Json;
using Das.Tables.Writers.Json;

namespace Das.Engine.Execution;

/// <summary>
/// An outcome as one line of JSON (NDJSON), the form the CLI's <c>--json</c> and the streaming API share:
/// <c>{"source":"gaia-dr3","title":"Gaia DR3","kind":"Catalogue","status":"Ok","rows":26,"elapsedMs":412.5,
/// "cachedAgeSeconds":null,"fetchedAt":"…","message":null,"failure":null,"transient":false,"provenance":"GET …",
/// "notes":[],"table":{…}}</c>, with the table in Das table JSON (docs/table-json.md) when asked for.
/// </summary>
public static class OutcomeJson
{
    /// <summary>Writes one outcome and a newline.</summary>
    /// <param name="stream">Where the UTF-8 line goes.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="includeTable">Put the rows in the line (<c>table</c>); otherwise only the metadata.</param>
    /// <param name="extra">More members to add (for instance the file a table was written to).</param>
    /// <param name="cancellationToken">Stops the table writer.</param>
    public static async Task WriteLineAsync(Stream stream, SourceOutcome outcome, bool includeTable,
        IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(outcome);
        var head = new MemoryStream();
        await using (var json = new Utf8JsonWriter(head))
        {
            json.WriteStartObject();
            json.WriteString("source", outcome.Source.Id);
            json.WriteString("title", outcome.Source.Title);
            json.WriteString("kind", outcome.Source.Kind.ToString());
            json.WriteString("status", outcome.Status.ToString());
            json.WriteNumber("rows", outcome.RowCount);
            json.WriteNumber("elapsedMs", Math.Round(outcome.Elapsed.TotalMilliseconds, 1));
            WriteNullable(json, "cachedAgeSeconds", outcome.CachedAge?.TotalSeconds);
            if (outcome.FetchedAt is { } fetched)
            {
                json.WriteString("fetchedAt", fetched);
            }
            else
            {
                json.WriteNull("fetchedAt");
            }
            json.WriteString("message", outcome.Message);
            json.WriteString("failure", outcome.Failure?.ToString());
            json.WriteBoolean("transient", outcome.IsTransient);
            json.WriteString("provenance", outcome.Provenance);
            json.WriteStartArray("notes");
            foreach (var note in outcome.Notes)
            {
                json.WriteStringValue(note);
            }
            json.WriteEndArray();
            foreach (var (name, value) in extra ?? new Dictionary<string, string>())
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
        }
        // The object is closed by the writer; reopen it after the last member to append the table.
        var bytes = head.GetBuffer().AsMemory(0, (int)head.Length);
        if (includeTable && outcome.Table is { } table)
        {
            await stream.WriteAsync(bytes[..^1], cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(",\"table\":"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await TableJsonWriter.WriteAsync(stream, table, new TableJsonOptions { Indented = false }, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync("}\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One outcome's line as a string (with its newline), for writers that take text: the console, the hub.</summary>
    public static async Task<string> ToLineAsync(SourceOutcome outcome, bool includeTable, IReadOnlyDictionary<string, string>? extra,
        CancellationToken cancellationToken)
    {
        using var line = new MemoryStream();
        await WriteLineAsync(line, outcome, includeTable, extra, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length);
    }

    /// <summary>One outcome as UTF-8 JSON (with the newline), for callers that pass the bytes on as they are.</summary>
    public static async Task<ReadOnlyMemory<byte>> ToUtf8Async(SourceOutcome outcome, bool includeTable, IReadOnlyDictionary<string, string>? extra,
        CancellationToken cancellationToken)
    {
        var line = new MemoryStream();
        await WriteLineAsync(line, outcome, includeTable, extra, cancellationToken).ConfigureAwait(false);
        return line.GetBuffer().AsMemory(0, (int)line.Length);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v)
        {
            json.WriteNumber(name, Math.Round(v, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
