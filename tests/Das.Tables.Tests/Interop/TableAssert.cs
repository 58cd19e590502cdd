using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.Writers;

namespace Das.Tables.Tests.Interop;

/// <summary>How a dumped file was written, which decides what "the same value" means for nulls and text.</summary>
public enum WrittenAs
{
    /// <summary>TABLEDATA: an empty string and a null string are the same text; controls become U+FFFD.</summary>
    TableData,
    /// <summary>BINARY2: nulls are exact (bitmask); text is exact.</summary>
    Binary2,
    /// <summary>CSV: no types; arrays and complex numbers are space-separated text; empty is null.</summary>
    Csv,
    /// <summary>XLSX: like CSV for arrays; NaN and infinities are empty cells; controls become U+FFFD; big integers are text.</summary>
    Xlsx,
    /// <summary>Das JSON: NaN and infinities are null; longs are strings; complex numbers are [re, im].</summary>
    Json,
}

/// <summary>Compares a table Das wrote with the cells an independent reader returned, cell by cell.</summary>
internal static class TableAssert
{
    /// <param name="expected">The table that was written.</param>
    /// <param name="actual">What a reader read back, in the dump's JSON shape.</param>
    /// <param name="mode">How it was written.</param>
    /// <param name="readByDas">
    /// Read back by Das's own reader, which reads an empty string as null in every serialization (as TABLEDATA has
    /// no other way to write a null string); the other readers keep BINARY2's empty strings.
    /// </param>
    public static void SameCells(Table expected, JsonElement actual, WrittenAs mode, bool readByDas = false)
    {
        var rows = actual.GetProperty("rows");
        Assert.Equal(expected.RowCount, rows.GetArrayLength());
        for (int row = 0; row < expected.RowCount; row++)
        {
            var cells = rows[row];
            Assert.Equal(expected.Columns.Count, cells.GetArrayLength());
            for (int c = 0; c < expected.Columns.Count; c++)
            {
                var column = expected.Columns[c];
                string where = $"table '{expected.Name}', row {row}, column '{column.Name}' ({mode})";
                try
                {
                    if (readByDas && column is StringColumn text && text.GetString(row) == "")
                    {
                        Assert.Equal(JsonValueKind.Null, cells[c].ValueKind);
                        continue;
                    }
                    SameCell(column, row, cells[c], mode);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new Xunit.Sdk.XunitException($"{where}: expected {Show(column, row)}, read {cells[c].GetRawText()}\n{e.Message}");
                }
            }
        }
    }

    private static string Show(Column column, int row) =>
        column.GetValue(row) switch
        {
            null => "null",
            string s => JsonSerializer.Serialize(s),
            Array a => "[" + string.Join(", ", a.Cast<object>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))) + "]",
            var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "?",
        };

    private static void SameCell(Column column, int row, JsonElement actual, WrittenAs mode)
    {
        bool isNull = column.IsNull(row);
        if (column is StringColumn s)
        {
            string? expected = s.GetString(row);
            if (mode is WrittenAs.Binary2 or WrittenAs.Json && expected is not null)
            {
                // BINARY2 carries controls as they are, but a lone surrogate cannot be encoded: U+FFFD.
                expected = FixLoneSurrogates(expected);
            }
            if (mode is not (WrittenAs.Binary2 or WrittenAs.Json))
            {
                expected = mode is WrittenAs.TableData or WrittenAs.Xlsx && expected is not null ? XmlText.Clean(expected) : expected;
                if (string.IsNullOrEmpty(expected))
                {
                    Assert.True(actual.ValueKind == JsonValueKind.Null || actual.GetString() == "", "null or empty text");
                    return;
                }
            }
            if (expected is null)
            {
                // astropy 5.2 reads a BINARY2 null string (null bit set) as "" rather than masked.
                Assert.True(actual.ValueKind == JsonValueKind.Null || actual.GetString() == "", "null or empty text");
                return;
            }
            Assert.Equal(expected, actual.GetString());
            return;
        }
        var kind = CellKinds.Of(column);
        if (mode is WrittenAs.Csv or WrittenAs.Xlsx && (kind.IsArray() || kind.IsComplex()))
        {
            // CSV holds "a b c"; compare element by element as text-parsed numbers.
            if (isNull || actual.ValueKind == JsonValueKind.Null)
            {
                Assert.True(isNull || ElementsOf(column, kind, row, flattenComplex: true).Length == 0, "null array");
                Assert.True(actual.ValueKind == JsonValueKind.Null || actual.GetString() == "");
                return;
            }
            string text = actual.ValueKind == JsonValueKind.String ? actual.GetString()! : actual.GetRawText();
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var elements = ElementsOf(column, kind, row, flattenComplex: true);
            Assert.Equal(elements.Length, parts.Length);
            for (int i = 0; i < parts.Length; i++)
            {
                SameElement(elements[i], ParseCsvElement(parts[i]), column.Field.DataType, mode);
            }
            return;
        }
        if (isNull)
        {
            AssertNullish(actual, kind);
            return;
        }
        if (!kind.IsArray())
        {
            SameElement(column.GetValue(row), actual, column.Field.DataType, mode);
            return;
        }
        var values = ElementsOf(column, kind, row, flattenComplex: false);
        if (actual.ValueKind == JsonValueKind.Null)
        {
            Assert.True(values.Length == 0 && mode == WrittenAs.TableData, "an empty array may read back as null from TABLEDATA");
            return;
        }
        Assert.Equal(values.Length, actual.GetArrayLength());
        for (int i = 0; i < values.Length; i++)
        {
            SameElement(values[i], actual[i], column.Field.DataType, mode);
        }
    }

    private static string FixLoneSurrogates(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            bool paired = char.IsHighSurrogate(chars[i]) ? i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])
                : char.IsLowSurrogate(chars[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]);
            if (char.IsSurrogate(chars[i]) && !paired)
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    private static object?[] ElementsOf(Column column, CellKind kind, int row, bool flattenComplex)
    {
        if (!kind.IsArray())
        {
            return column.GetValue(row) is Complex z ? [z.Real, z.Imaginary] : [column.GetValue(row)];
        }
        var array = (Array?)column.GetValue(row) ?? Array.Empty<object>();
        var list = new List<object?>();
        foreach (var item in array)
        {
            if (item is Complex z && flattenComplex)
            {
                list.Add(z.Real);
                list.Add(z.Imaginary);
            }
            else
            {
                list.Add(item);
            }
        }
        return [.. list];
    }

    private static JsonElement ParseCsvElement(string text) =>
        text is "True" or "False" ? JsonDocument.Parse(text == "True" ? "true" : "false").RootElement
        : text is "NaN" or "Infinity" or "-Infinity" ? JsonDocument.Parse($"\"{text}\"").RootElement
        : JsonDocument.Parse(text).RootElement;

    private static void AssertNullish(JsonElement actual, CellKind kind)
    {
        // A null fixed array or complex reads back as null or as elements that are all null/NaN; a null bit as false.
        switch (actual.ValueKind)
        {
            case JsonValueKind.Null: return;
            case JsonValueKind.Array:
                foreach (var e in actual.EnumerateArray())
                {
                    Assert.True(e.ValueKind == JsonValueKind.Null || e.ValueKind == JsonValueKind.String && e.GetString() == "NaN"
                        || kind == CellKind.BitArray && e.ValueKind == JsonValueKind.False, $"null element expected, read {e}");
                }
                return;
            case JsonValueKind.String when actual.GetString() is "NaN" or "": return;
            case JsonValueKind.False when kind == CellKind.Bit: return;
            default: Assert.Fail($"null expected, read {actual}"); return;
        }
    }

    private static void SameElement(object? expected, JsonElement actual, VoDataType type, WrittenAs mode)
    {
        switch (expected)
        {
            case bool b:
                // astropy's CSV reader leaves True/False as text unless told to convert booleans.
                Assert.Equal(b, actual.ValueKind switch
                {
                    JsonValueKind.Number => actual.GetInt32() != 0,
                    JsonValueKind.String => bool.Parse(actual.GetString()!),
                    _ => actual.GetBoolean(),
                });
                return;
            case byte or short or int or long:
                Assert.Equal(Convert.ToInt64(expected, CultureInfo.InvariantCulture),
                    actual.ValueKind == JsonValueKind.String ? long.Parse(actual.GetString()!, CultureInfo.InvariantCulture) : actual.GetInt64());
                return;
            case float f:
                SameFloat(f, actual, single: true, mode);
                return;
            case double d:
                SameFloat(d, actual, single: type is VoDataType.FloatComplex, mode);
                return;
            case Complex z when actual.ValueKind == JsonValueKind.Null:
                Assert.True(double.IsNaN(z.Real) && double.IsNaN(z.Imaginary), "only a NaN complex reads back as null");
                return;
            case Complex z:
                Assert.Equal(2, actual.GetArrayLength());
                SameFloat(z.Real, actual[0], single: type == VoDataType.FloatComplex, mode);
                SameFloat(z.Imaginary, actual[1], single: type == VoDataType.FloatComplex, mode);
                return;
            default:
                Assert.Fail($"unexpected element {expected}");
                return;
        }
    }

    private static void SameFloat(double expected, JsonElement actual, bool single, WrittenAs mode)
    {
        if (single)
        {
            expected = (float)expected; // a double beyond float range becomes an infinity in a floatComplex
        }
        if (double.IsInfinity(expected) && mode is WrittenAs.Json or WrittenAs.Xlsx && actual.ValueKind == JsonValueKind.Null)
        {
            return; // JSON and Excel have no infinity: documented as null / an empty cell.
        }
        if (double.IsNaN(expected))
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null || actual.GetString() == "NaN", "NaN reads back as NaN or null");
            return;
        }
        double value = actual.ValueKind == JsonValueKind.String
            ? actual.GetString() switch { "Infinity" => double.PositiveInfinity, "-Infinity" => double.NegativeInfinity, var t => double.Parse(t!, CultureInfo.InvariantCulture) }
            : actual.GetDouble();
        if (single)
        {
            Assert.Equal((float)expected, (float)value);
        }
        else
        {
            Assert.Equal(expected, value);
        }
    }
}
