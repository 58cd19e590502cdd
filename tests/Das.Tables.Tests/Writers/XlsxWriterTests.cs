using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.Writers.Xlsx;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Field = Das.Tables.Model.Field;
using Table = Das.Tables.Model.Table;

namespace Das.Tables.Tests.Writers;

public sealed class XlsxWriterTests
{
    [Fact]
    public async Task Cells_are_typed_and_the_metadata_sheet_lists_units_and_ucds()
    {
        var d = new ScalarColumn<double>(new Field { Name = "ra", DataType = VoDataType.Double, Unit = "deg", Ucd = "pos.eq.ra;meta.main" });
        var b = new ScalarColumn<bool>(new Field { Name = "flag", DataType = VoDataType.Boolean });
        var l = new ScalarColumn<long>(new Field { Name = "source_id", DataType = VoDataType.Long });
        var s = new StringColumn(new Field { Name = "name", DataType = VoDataType.Char, ArraySize = ArraySize.Variable });
        d.Append(10.5);
        d.Append(double.NaN);
        b.Append(true);
        b.AppendNull();
        l.Append(4295806720123456789);
        l.Append(42);
        s.Append("M\u0001 31");
        s.AppendNull();
        using var stream = new MemoryStream();
        await XlsxWriter.WriteTableAsync(stream, new Table([d, b, l, s]) { Name = "results/1" }, TestContext.Current.CancellationToken);

        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        // The SDK's schema validator: what Excel would refuse to open.
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["results_1", "metadata"], sheets.Select(x => x.Name!.Value));
        var data = Rows(workbook, sheets[0]);
        Assert.Equal(["ra", "flag", "source_id", "name"], data[0].Select(c => c.Text));
        Assert.Equal(("10.5", null), (data[1][0].Text, data[1][0].Type));
        Assert.Equal(("1", "b"), (data[1][1].Text, data[1][1].Type));
        Assert.Equal(("4295806720123456789", "inlineStr"), (data[1][2].Text, data[1][2].Type));
        Assert.Equal("M\uFFFD 31", data[1][3].Text);
        Assert.Equal(["C3"], data[2].Select(c => c.Reference));   // NaN, null, null: only the 42 remains
        Assert.Equal("42", data[2][0].Text);
        var metadata = Rows(workbook, sheets[1]);
        Assert.Equal(["results_1", "ra", "double", "deg", "pos.eq.ra;meta.main"], metadata[1].Select(c => c.Text));
    }

    private static List<List<(string? Reference, string Text, string? Type)>> Rows(WorkbookPart workbook, Sheet sheet)
    {
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => (c.CellReference?.Value, c.InlineString?.InnerText ?? c.CellValue?.Text ?? "", c.DataType?.InnerText)).ToList())
            .ToList();
    }
}
