using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Writers.Json;

/// <summary>
/// Writes tables in the one JSON shape the web UI and the HTTP API share, documented in <c>docs/table-json.md</c>:
/// <c>{"name", "description", "columns": [...], "rows": [[...]], "rowCount", "truncated", "truncation", "params",
/// "infos"}</c> for a table, and <c>{"description", "infos", "sources": [{"source", "status", "message", "infos",
/// "table"}]}</c> for a query over many sources. NaN, infinities and nulls are JSON null. Streamed row by row
/// through <see cref="Utf8JsonWriter"/> and a pooled buffer.
/// </summary>
public static class TableJsonWriter
{
    /// <summary>The media type.</summary>
    public const string MediaType = "application/json";

    /// <summary>Writes one table.</summary>
    /// <param name="stream">Where the UTF-8 JSON goes (flushed, not closed).</param>
    /// <param name="table">The table.</param>
    /// <param name="options">Null for <see cref="TableJsonOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops between rows.</param>
    public static async Task WriteAsync(Stream stream, Table table, TableJsonOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(table);
        options ??= TableJsonOptions.Default;
        using var o = new OutputBuffer(stream);
        await using (var json = new Utf8JsonWriter(o, WriterOptions(options)))
        {
            await WriteTableAsync(json, o, table, options, cancellationToken).ConfigureAwait(false);
        }
        await o.FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the answers of many sources.</summary>
    /// <param name="stream">Where the UTF-8 JSON goes (flushed, not closed).</param>
    /// <param name="sources">One entry per source.</param>
    /// <param name="description">What was asked (e.g. the query as typed).</param>
    /// <param name="options">Null for <see cref="TableJsonOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops between rows.</param>
    public static async Task WriteSourcesAsync(Stream stream, IEnumerable<SourceTable> sources, string? description,
        TableJsonOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sources);
        options ??= TableJsonOptions.Default;
        using var o = new OutputBuffer(stream);
        await using (var json = new Utf8JsonWriter(o, WriterOptions(options)))
        {
            json.WriteStartObject();
            WriteString(json, "description", description);
            json.WriteStartArray("sources");
            foreach (var source in sources)
            {
                json.WriteStartObject();
                WriteString(json, "source", source.SourceId);
                json.WriteString("status", source.StatusText);
                WriteString(json, "message", source.StatusMessage);
                WriteString(json, "sourceDescription", source.Description);
                WriteInfos(json, source.Infos);
                if (source.Table is null)
                {
                    json.WriteNull("table");
                }
                else
                {
                    json.WritePropertyName("table");
                    await WriteTableAsync(json, o, source.Table, options, cancellationToken).ConfigureAwait(false);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        await o.FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static JsonWriterOptions WriterOptions(TableJsonOptions options) => new()
    {
        Indented = options.Indented,
        // Non-ASCII text is written as UTF-8, not \u escapes; the output is served as application/json, never inlined in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private static async Task WriteTableAsync(Utf8JsonWriter json, OutputBuffer o, Table table, TableJsonOptions options, CancellationToken cancellationToken)
    {
        int rows = table.RowCount;
        int written = options.MaxRows is int max ? Math.Min(max, rows) : rows;
        json.WriteStartObject();
        WriteString(json, "name", table.Name);
        WriteString(json, "description", table.Description);
        json.WriteStartArray("columns");
        foreach (var column in table.Columns)
        {
            WriteField(json, column.Field, value: null);
        }
        json.WriteEndArray();
        json.WriteNumber("rowCount", written);
        json.WriteBoolean("truncated", table.IsTruncated || written < rows);
        if (table.Truncation is { } t)
        {
            json.WriteStartObject("truncation");
            json.WriteString("reason", t.Reason.ToString());
            WriteString(json, "message", t.Message);
            json.WriteEndObject();
        }
        else if (written < rows)
        {
            json.WriteStartObject("truncation");
            json.WriteString("reason", nameof(TruncationReason.RowCap));
            json.WriteString("message", string.Create(CultureInfo.InvariantCulture, $"first {written} of {rows} rows"));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("truncation");
        }
        json.WriteStartArray("params");
        foreach (var param in table.Params)
        {
            WriteField(json, param, param.Value);
        }
        json.WriteEndArray();
        WriteInfos(json, table.Infos);

        var kinds = table.Columns.Select(CellKinds.Of).ToArray();
        json.WriteStartArray("rows");
        for (int row = 0; row < written; row++)
        {
            json.WriteStartArray();
            for (int c = 0; c < kinds.Length; c++)
            {
                WriteCell(json, table.Columns[c], kinds[c], row, options);
            }
            json.WriteEndArray();
            if (json.BytesPending > 0 && (row & 63) == 63)
            {
                json.Flush();
                await o.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await o.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteField(Utf8JsonWriter json, Field field, string? value)
    {
        json.WriteStartObject();
        WriteString(json, "name", field.Name);
        json.WriteString("datatype", field.DataType.ToVoName());
        WriteString(json, "arraysize", field.ArraySize.ToString());
        WriteString(json, "unit", field.Unit);
        WriteString(json, "ucd", field.Ucd);
        WriteString(json, "utype", field.Utype);
        WriteString(json, "xtype", field.XType);
        WriteString(json, "description", field.Description);
        if (value is not null)
        {
            WriteString(json, "value", value);
        }
        json.WriteEndObject();
    }

    private static void WriteInfos(Utf8JsonWriter json, IReadOnlyList<Info> infos)
    {
        json.WriteStartArray("infos");
        foreach (var info in infos)
        {
            json.WriteStartObject();
            WriteString(json, "name", info.Name);
            WriteString(json, "value", info.Value);
            WriteString(json, "content", info.Content);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteString(Utf8JsonWriter json, string property, string? value)
    {
        if (value is null)
        {
            json.WriteNull(property);
        }
        else
        {
            json.WriteString(property, ValidUtf16(value));
        }
    }

    private static void WriteCell(Utf8JsonWriter json, Column column, CellKind kind, int row, TableJsonOptions options)
    {
        if (column.IsNull(row))
        {
            json.WriteNullValue();
            return;
        }
        switch (kind)
        {
            case CellKind.Text: json.WriteStringValue(ValidUtf16(((StringColumn)column).GetChars(row))); return;
            case CellKind.Boolean or CellKind.Bit: json.WriteBooleanValue(((ScalarColumn<bool>)column)[row]); return;
            case CellKind.Byte: json.WriteNumberValue(((ScalarColumn<byte>)column)[row]); return;
            case CellKind.Short: json.WriteNumberValue(((ScalarColumn<short>)column)[row]); return;
            case CellKind.Int: json.WriteNumberValue(((ScalarColumn<int>)column)[row]); return;
            case CellKind.Long: WriteLong(json, ((ScalarColumn<long>)column)[row], options); return;
            case CellKind.Float: WriteFloat(json, ((ScalarColumn<float>)column)[row]); return;
            case CellKind.Double: WriteDouble(json, ((ScalarColumn<double>)column)[row]); return;
            case CellKind.FloatComplex or CellKind.DoubleComplex:
                WriteComplex(json, ((ScalarColumn<Complex>)column)[row], kind == CellKind.FloatComplex);
                return;
        }
        json.WriteStartArray();
        switch (kind)
        {
            case CellKind.BooleanArray or CellKind.BitArray:
                foreach (bool v in ((ArrayColumn<bool>)column).GetSpan(row)) { json.WriteBooleanValue(v); }
                break;
            case CellKind.ByteArray:
                foreach (byte v in ((ArrayColumn<byte>)column).GetSpan(row)) { json.WriteNumberValue(v); }
                break;
            case CellKind.ShortArray:
                foreach (short v in ((ArrayColumn<short>)column).GetSpan(row)) { json.WriteNumberValue(v); }
                break;
            case CellKind.IntArray:
                foreach (int v in ((ArrayColumn<int>)column).GetSpan(row)) { json.WriteNumberValue(v); }
                break;
            case CellKind.LongArray:
                foreach (long v in ((ArrayColumn<long>)column).GetSpan(row)) { WriteLong(json, v, options); }
                break;
            case CellKind.FloatArray:
                foreach (float v in ((ArrayColumn<float>)column).GetSpan(row)) { WriteFloat(json, v); }
                break;
            case CellKind.DoubleArray:
                foreach (double v in ((ArrayColumn<double>)column).GetSpan(row)) { WriteDouble(json, v); }
                break;
            default:
                foreach (var v in ((ArrayColumn<Complex>)column).GetSpan(row)) { WriteComplex(json, v, kind == CellKind.FloatComplexArray); }
                break;
        }
        json.WriteEndArray();
    }

    private static void WriteLong(Utf8JsonWriter json, long value, TableJsonOptions options)
    {
        if (options.LongsAsStrings)
        {
            Span<char> buffer = stackalloc char[24];
            value.TryFormat(buffer, out int n, default, CultureInfo.InvariantCulture);
            json.WriteStringValue(buffer[..n]);
        }
        else
        {
            json.WriteNumberValue(value);
        }
    }

    private static void WriteFloat(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value))
        {
            // Utf8JsonWriter writes floats in shortest round-trip form.
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteComplex(Utf8JsonWriter json, Complex value, bool single)
    {
        json.WriteStartArray();
        if (single)
        {
            WriteFloat(json, (float)value.Real);
            WriteFloat(json, (float)value.Imaginary);
        }
        else
        {
            WriteDouble(json, value.Real);
            WriteDouble(json, value.Imaginary);
        }
        json.WriteEndArray();
    }

    /// <summary>The text with lone surrogates replaced by U+FFFD (Utf8JsonWriter rejects invalid UTF-16).</summary>
    private static ReadOnlySpan<char> ValidUtf16(ReadOnlySpan<char> text)
    {
        int i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return text;
        }
        var chars = text.ToArray();
        for (; i < chars.Length; i++)
        {
            char c = chars[i];
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                chars[i] = XmlText.Replacement;
            }
        }
        return chars;
    }
}
