using System.Text.Json;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.Tests.Interop;
using Das.Tables.Writers;
using Das.Tables.Writers.Json;

namespace Das.Tables.Tests.Writers;

public sealed class TableJsonWriterTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Random_table_reads_back_with_the_same_cells(int seed)
    {
        var table = RandomTables.Create(seed, rows: 100);
        using var stream = new MemoryStream();
        await TableJsonWriter.WriteAsync(stream, table, null, TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        Assert.Equal(100, root.GetProperty("rowCount").GetInt32());
        Assert.False(root.GetProperty("truncated").GetBoolean());
        Assert.Equal(table.Columns.Select(c => c.Field.DataType.ToVoName()), root.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("datatype").GetString()));
        TableAssert.SameCells(table, root, WrittenAs.Json);
    }

    [Fact]
    public async Task Nan_infinity_and_null_are_json_null_and_longs_are_strings()
    {
        var d = new ScalarColumn<double>(new Field { Name = "d", DataType = VoDataType.Double });
        var l = new ScalarColumn<long>(new Field { Name = "l", DataType = VoDataType.Long });
        var s = new StringColumn(new Field { Name = "s", DataType = VoDataType.UnicodeChar, ArraySize = ArraySize.Variable });
        d.Append(double.NaN);
        d.Append(double.PositiveInfinity);
        d.AppendNull();
        l.Append(4295806720123456789);
        l.AppendNull();
        l.Append(-1);
        s.Append("Ω 星 😀");
        s.Append("lone \uD800");
        s.AppendNull();
        using var stream = new MemoryStream();
        await TableJsonWriter.WriteAsync(stream, new Table([d, l, s]), null, TestContext.Current.CancellationToken);

        string text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("\"rows\":[[null,\"4295806720123456789\",", text, StringComparison.Ordinal);
        Assert.Contains("Ω 星", text, StringComparison.Ordinal); // BMP text is written as UTF-8, not escaped
        using var json = JsonDocument.Parse(stream.ToArray());
        var rows = json.RootElement.GetProperty("rows");
        Assert.Equal("Ω 星 😀", rows[0][2].GetString());
        Assert.Equal("lone \uFFFD", rows[1][2].GetString());
        Assert.Equal("[null,\"-1\",null]", rows[2].GetRawText());
        Assert.Equal(JsonValueKind.Null, rows[1][0].ValueKind);
    }

    [Fact]
    public async Task Sources_form_lists_every_source_with_status_and_table()
    {
        var table = RandomTables.Create(13, rows: 3, name: "t");
        table.Truncation = new Truncation(TruncationReason.RowCap, "stopped at 3 rows");
        using var stream = new MemoryStream();
        await TableJsonWriter.WriteSourcesAsync(stream,
        [
            new SourceTable { SourceId = "a", Table = table },
            new SourceTable { SourceId = "b", Status = QueryStatus.Error, Message = "boom" },
        ], "query", new TableJsonOptions { MaxRows = 2 }, TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(stream.ToArray());
        var sources = json.RootElement.GetProperty("sources");
        Assert.Equal("OVERFLOW", sources[0].GetProperty("status").GetString());
        Assert.Equal("stopped at 3 rows", sources[0].GetProperty("message").GetString());
        Assert.Equal(2, sources[0].GetProperty("table").GetProperty("rows").GetArrayLength());
        Assert.True(sources[0].GetProperty("table").GetProperty("truncated").GetBoolean());
        Assert.Equal("ERROR", sources[1].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, sources[1].GetProperty("table").ValueKind);
    }
}
