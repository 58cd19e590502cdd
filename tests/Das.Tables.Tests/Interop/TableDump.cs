using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Das.Tables.Model;

namespace Das.Tables.Tests.Interop;

/// <summary>
/// Turns a Das table into the JSON shape <c>Scripts/dump_table.py</c> prints, so a table read back by Das's own
/// reader can be compared with <see cref="TableAssert.SameCells"/> exactly like astropy's reading. When
/// <c>VoTableReader</c> lands, a round trip is one more line in each interop test:
/// <code>TableAssert.SameCells(table, TableDump.ToJson(readBack), mode);</code>
/// </summary>
internal static class TableDump
{
    public static JsonElement ToJson(Table table)
    {
        var columns = new JsonArray();
        foreach (var column in table.Columns)
        {
            columns.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["datatype"] = column.Field.DataType.ToVoName(),
                ["arraysize"] = column.Field.ArraySize.ToString(),
                ["unit"] = column.Field.Unit,
                ["ucd"] = column.Field.Ucd,
            });
        }
        var rows = new JsonArray();
        for (int row = 0; row < table.RowCount; row++)
        {
            var cells = new JsonArray();
            foreach (var column in table.Columns)
            {
                cells.Add(Cell(column.GetValue(row)));
            }
            rows.Add(cells);
        }
        var root = new JsonObject { ["name"] = table.Name, ["columns"] = columns, ["rows"] = rows };
        return JsonSerializer.SerializeToElement(root);
    }

    private static JsonNode? Cell(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        byte or short or int or long => JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        float f => Number(f),
        double d => Number(d),
        Complex z => new JsonArray(Number(z.Real), Number(z.Imaginary)),
        Array a => new JsonArray([.. a.Cast<object?>().Select(Cell)]),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };

    private static JsonValue Number(double d) =>
        double.IsNaN(d) ? JsonValue.Create("NaN")
        : double.IsPositiveInfinity(d) ? JsonValue.Create("Infinity")
        : double.IsNegativeInfinity(d) ? JsonValue.Create("-Infinity")
        : JsonValue.Create(d);
}
