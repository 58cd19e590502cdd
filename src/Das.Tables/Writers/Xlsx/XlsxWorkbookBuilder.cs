using System.Globalization;
using System.Numerics;
using System.Text;
using Das.Tables.Columns;
using Das.Tables.Model;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Column = Das.Tables.Columns.Column;
using Table = Das.Tables.Model.Table;

namespace Das.Tables.Writers.Xlsx;

/// <summary>Builds the workbook parts; sheet data goes through <see cref="OpenXmlWriter"/> row by row.</summary>
internal static class XlsxWorkbookBuilder
{
    internal const int MaxDataRows = 1_048_575;
    private const long MaxExactInteger = 999_999_999_999_999; // Excel keeps 15 significant digits

    public static void Build(SpreadsheetDocument document, IReadOnlyList<XlsxSheetSource> sheets, CancellationToken cancellationToken)
    {
        var workbookPart = document.AddWorkbookPart();
        WriteStyles(workbookPart);
        var names = new SheetNames();
        var entries = new List<(string Name, string PartId)>();
        var metadata = new List<object?[]> { new object?[] { "sheet", "column", "datatype", "arraysize", "unit", "ucd", "utype", "description" } };
        var sourcesRows = new List<object?[]> { new object?[] { "source", "sheet", "status", "message", "rows", "note" } };

        foreach (var sheet in sheets)
        {
            string? sheetName = null;
            string? note = null;
            if (sheet.Table is { } table)
            {
                sheetName = names.Add(sheet.Name);
                var part = workbookPart.AddNewPart<WorksheetPart>();
                int written = WriteTableSheet(part, table, cancellationToken);
                entries.Add((sheetName, workbookPart.GetIdOfPart(part)));
                if (written < table.RowCount)
                {
                    note = string.Create(CultureInfo.InvariantCulture, $"cut at Excel's {MaxDataRows} rows of {table.RowCount}");
                }
                foreach (var column in table.Columns)
                {
                    var f = column.Field;
                    metadata.Add([sheetName, f.Name, f.DataType.ToVoName(), f.ArraySize.ToString(), f.Unit, f.Ucd, f.Utype, f.Description]);
                }
            }
            if (sheet.Source is { } source)
            {
                sourcesRows.Add([source.SourceId, sheetName, source.StatusText, source.StatusMessage, (double?)source.Table?.RowCount, note]);
            }
            else if (note is not null)
            {
                metadata.Add([sheetName, null, null, null, null, null, null, note]);
            }
        }
        if (sheets.Any(s => s.Source is not null))
        {
            entries.Add(WriteListSheet(workbookPart, names.Add("sources"), sourcesRows));
        }
        entries.Add(WriteListSheet(workbookPart, names.Add("metadata"), metadata));

        using var writer = OpenXmlWriter.Create(workbookPart);
        writer.WriteStartElement(new Workbook());
        writer.WriteStartElement(new Sheets());
        uint sheetId = 1;
        foreach (var (name, partId) in entries)
        {
            writer.WriteElement(new Sheet { Name = name, SheetId = sheetId++, Id = partId });
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static (string, string) WriteListSheet(WorkbookPart workbookPart, string name, List<object?[]> rows)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        WriteFrozenHeader(writer);
        writer.WriteStartElement(new SheetData());
        int width = rows.Max(r => r.Length);
        var refs = ColumnLetters(width);
        var cells = new XlsxCellWriter(writer);
        for (int r = 0; r < rows.Count; r++)
        {
            cells.StartRow(r + 1);
            for (int c = 0; c < rows[r].Length; c++)
            {
                string cellRef = refs[c] + (r + 1).ToString(CultureInfo.InvariantCulture);
                switch (rows[r][c])
                {
                    case null: break;
                    case double d: cells.Number(cellRef, d); break;
                    case var v: cells.Text(cellRef, Convert.ToString(v, CultureInfo.InvariantCulture) ?? "", bold: r == 0); break;
                }
            }
            cells.EndRow();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
        return (name, workbookPart.GetIdOfPart(part));
    }

    private static int WriteTableSheet(WorksheetPart part, Table table, CancellationToken cancellationToken)
    {
        var columns = table.Columns;
        var kinds = columns.Select(CellKinds.Of).ToArray();
        var refs = ColumnLetters(columns.Count);
        int rows = Math.Min(table.RowCount, MaxDataRows);
        var text = new StringBuilder();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        WriteFrozenHeader(writer);
        writer.WriteStartElement(new SheetData());
        var cells = new XlsxCellWriter(writer);
        cells.StartRow(1);
        for (int c = 0; c < columns.Count; c++)
        {
            cells.Text(refs[c] + "1", columns[c].Name, bold: true);
        }
        cells.EndRow();
        for (int row = 0; row < rows; row++)
        {
            if ((row & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            int excelRow = row + 2;
            string rowText = excelRow.ToString(CultureInfo.InvariantCulture);
            cells.StartRow(excelRow);
            for (int c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                if (column.IsNull(row))
                {
                    continue;
                }
                string cellRef = refs[c] + rowText;
                switch (kinds[c])
                {
                    case CellKind.Text: cells.Text(cellRef, ((StringColumn)column).GetString(row) ?? ""); break;
                    case CellKind.Boolean or CellKind.Bit: cells.Boolean(cellRef, ((ScalarColumn<bool>)column)[row]); break;
                    case CellKind.Byte: cells.Number(cellRef, ((ScalarColumn<byte>)column)[row]); break;
                    case CellKind.Short: cells.Number(cellRef, ((ScalarColumn<short>)column)[row]); break;
                    case CellKind.Int: cells.Number(cellRef, ((ScalarColumn<int>)column)[row]); break;
                    case CellKind.Long:
                        long l = ((ScalarColumn<long>)column)[row];
                        if (Math.Abs((decimal)l) <= MaxExactInteger)
                        {
                            cells.Number(cellRef, l);
                        }
                        else
                        {
                            cells.Text(cellRef, l.ToString(CultureInfo.InvariantCulture));
                        }
                        break;
                    case CellKind.Float: cells.Number(cellRef, ((ScalarColumn<float>)column)[row], single: true); break;
                    case CellKind.Double: cells.Number(cellRef, ((ScalarColumn<double>)column)[row]); break;
                    default: cells.Text(cellRef, ArrayText(column, kinds[c], row, text)); break;
                }
            }
            cells.EndRow();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
        return rows;
    }

    private static string ArrayText(Column column, CellKind kind, int row, StringBuilder sb)
    {
        sb.Clear();
        var inv = CultureInfo.InvariantCulture;
        void Add(string s)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }
            sb.Append(s);
        }
        switch (column.GetValue(row))
        {
            case Complex z when kind == CellKind.FloatComplex: Add(((float)z.Real).ToString(inv)); Add(((float)z.Imaginary).ToString(inv)); break;
            case Complex z: Add(z.Real.ToString(inv)); Add(z.Imaginary.ToString(inv)); break;
            case Array a:
                foreach (var item in a)
                {
                    switch (item)
                    {
                        case Complex z when kind == CellKind.FloatComplexArray: Add(((float)z.Real).ToString(inv)); Add(((float)z.Imaginary).ToString(inv)); break;
                        case Complex z: Add(z.Real.ToString(inv)); Add(z.Imaginary.ToString(inv)); break;
                        case bool b: Add(b ? "True" : "False"); break;
                        default: Add(Convert.ToString(item, inv) ?? ""); break;
                    }
                }
                break;
        }
        return sb.ToString();
    }

    /// <summary>Style 0 is the default; style 1 is bold (header rows).</summary>
    private static void WriteStyles(WorkbookPart workbookPart)
    {
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
        styles.Stylesheet.Save();
    }

    /// <summary>Keeps the header row visible while scrolling.</summary>
    private static void WriteFrozenHeader(OpenXmlWriter writer) =>
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 }));

    private static string[] ColumnLetters(int count)
    {
        var letters = new string[count];
        for (int i = 0; i < count; i++)
        {
            int n = i + 1;
            var sb = new StringBuilder();
            while (n > 0)
            {
                int rem = (n - 1) % 26;
                sb.Insert(0, (char)('A' + rem));
                n = (n - 1) / 26;
            }
            letters[i] = sb.ToString();
        }
        return letters;
    }
}
