using System.Text.Json;
using Das.Tables.Writers;
using Das.Tables.Writers.Csv;
using Das.Tables.Writers.Xlsx;

namespace Das.Tables.Tests.Interop;

/// <summary>astropy reads the CSV Das writes, and openpyxl the XLSX, with the same cells.</summary>
public sealed class CsvXlsxInteropTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Astropy_reads_our_csv_with_the_same_cells(int seed)
    {
        var ct = TestContext.Current.CancellationToken;
        var table = RandomTables.Create(seed, rows: 80);
        string path = TempFiles.NewPath($"random-{seed}.csv");
        await using (var file = File.Create(path))
        {
            await CsvWriter.WriteAsync(file, table, null, ct);
        }

        var dump = await Astropy.ReadAsync("csv", path, ct);
        var read = dump.GetProperty("tables")[0];
        Assert.Equal(table.Columns.Select(c => c.Name), read.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        TableAssert.SameCells(table, read, WrittenAs.Csv);
    }

    [Fact]
    public async Task Openpyxl_reads_our_xlsx_sheets_with_the_same_cells()
    {
        var ct = TestContext.Current.CancellationToken;
        var gaia = RandomTables.Create(7, rows: 50, name: "gaia");
        var other = RandomTables.Create(8, rows: 10, name: "other");
        var sources = new[]
        {
            new SourceTable { SourceId = "gaia-dr3", Table = gaia },
            new SourceTable { SourceId = "A very long source id: with [forbidden] chars/that Excel refuses", Table = other },
            new SourceTable { SourceId = "simbad", Status = Das.Tables.Model.QueryStatus.Error, Message = "timeout after 30 s" },
        };
        string path = TempFiles.NewPath("sources.xlsx");
        await using (var file = File.Create(path))
        {
            await XlsxWriter.WriteSourcesAsync(file, sources, ct);
        }

        var dump = await Astropy.ReadAsync("xlsx", path, ct);
        var sheets = dump.GetProperty("tables");
        Assert.Equal(["gaia-dr3", "A very long source id_ with _fo", "sources", "metadata"],
            sheets.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        AssertSheet(gaia, sheets[0]);
        AssertSheet(other, sheets[1]);
        var status = sheets[2].GetProperty("rows");
        Assert.Equal(["simbad", null, "ERROR", "timeout after 30 s"], status[3].EnumerateArray().Take(4).Select(e => e.ValueKind == JsonValueKind.Null ? null : e.ToString()));
        var metadata = sheets[3].GetProperty("rows");
        Assert.Equal(1 + gaia.Columns.Count + other.Columns.Count, metadata.GetArrayLength());
        var ra = metadata.EnumerateArray().First(r => r[1].GetString() == "d");
        Assert.Equal(["gaia-dr3", "d", "double", null, "deg", "pos.eq.ra;meta.main"], ra.EnumerateArray().Take(6).Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString()));
    }

    private static void AssertSheet(Das.Tables.Model.Table table, JsonElement sheet)
    {
        var rows = sheet.GetProperty("rows");
        Assert.Equal(table.Columns.Select(c => c.Name), rows[0].EnumerateArray().Select(e => e.GetString()));
        // openpyxl pads short rows with None; the data rows follow the header.
        using var data = JsonDocument.Parse("{\"rows\": [" + string.Join(",", rows.EnumerateArray().Skip(1).Select(PadRow(table.Columns.Count))) + "]}");
        TableAssert.SameCells(table, data.RootElement, WrittenAs.Xlsx);
    }

    private static Func<JsonElement, string> PadRow(int width) => row =>
    {
        var cells = row.EnumerateArray().Select(e => e.GetRawText()).ToList();
        while (cells.Count < width)
        {
            cells.Add("null");
        }
        return "[" + string.Join(",", cells) + "]";
    };
}
