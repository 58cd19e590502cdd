using System.Text.Json;
using Das.Sources.Json;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Sources.Tests.Json;

public sealed class JsonTableTests
{
    private static List<JsonElement> Rows(string json) => [.. JsonDocument.Parse(json).RootElement.EnumerateArray()];

    private static readonly Dictionary<string, Field> NoneKnown = [];

    [Fact]
    public void Each_key_gets_the_type_its_values_share()
    {
        var rows = Rows("""[{"n": 1, "x": 1.5, "ok": true, "s": "a"}, {"n": 2, "x": 2, "ok": false, "s": "b"}]""");

        var fields = JsonTable.InferFields(rows, NoneKnown);

        Assert.Equal([VoDataType.Long, VoDataType.Double, VoDataType.Boolean, VoDataType.Char], fields.Select(f => f.DataType));
        Assert.True(fields[3].IsText);
    }

    [Fact]
    public void Keys_appear_in_first_seen_order_even_when_a_row_lacks_one()
    {
        var rows = Rows("""[{"a": 1}, {"b": "x", "a": 2}, {"c": null}]""");

        var fields = JsonTable.InferFields(rows, NoneKnown);
        var table = JsonTable.Build(fields, rows);

        Assert.Equal(["a", "b", "c"], fields.Select(f => f.Name));
        Assert.True(table.FindColumn("b")!.IsNull(0));
        Assert.True(table.FindColumn("a")!.IsNull(2));
        Assert.Equal(VoDataType.Char, fields[2].DataType); // never seen with a value: text holds anything
    }

    [Fact]
    public void Mixed_kinds_become_text_written_as_they_came()
    {
        var rows = Rows("""[{"v": 1}, {"v": "n/a"}, {"v": [1, 2]}]""");

        var table = JsonTable.Build(JsonTable.InferFields(rows, NoneKnown), rows);

        var v = (StringColumn)table.FindColumn("v")!;
        Assert.Equal(["1", "n/a", "[1, 2]"], Enumerable.Range(0, 3).Select(v.GetString));
    }

    [Fact]
    public void Known_keys_get_unit_and_UCD_but_the_answer_decides_the_type()
    {
        var known = new Dictionary<string, Field> { ["ra"] = JsonTable.Real("ra", "deg", "pos.eq.ra;meta.main") };
        var rows = Rows("""[{"ra": "12h30m"}]""");

        var field = Assert.Single(JsonTable.InferFields(rows, known));

        Assert.Equal(VoDataType.Char, field.DataType);
        Assert.Equal("deg", field.Unit);
        Assert.Equal("pos.eq.ra;meta.main", field.Ucd);
    }

    [Fact]
    public void Declared_number_columns_read_numbers_sent_as_text_in_the_invariant_culture()
    {
        var fields = new[] { JsonTable.Real("x"), JsonTable.Integer("n") };
        var rows = Rows("""[{"x": "1.25", "n": "7"}, {"x": "1,25", "n": 7.5}, {"x": "NaN", "n": null}]""");

        var table = JsonTable.Build(fields, rows);

        var x = (ScalarColumn<double>)table.Columns[0];
        var n = (ScalarColumn<long>)table.Columns[1];
        Assert.Equal(1.25, x[0]);
        Assert.Equal(7L, n[0]);
        Assert.True(x.IsNull(1)); // "1,25" is not a number here, whatever the culture
        Assert.True(n.IsNull(1)); // 7.5 is not whole
        Assert.True(x.IsNull(2)); // NaN written as text means no value
        Assert.True(n.IsNull(2));
    }
}
