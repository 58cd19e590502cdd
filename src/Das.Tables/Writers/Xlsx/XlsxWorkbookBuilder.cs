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
    private const int MaxCellText = 32_767;
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
        for (int r = 0; r < rows.Count; r++)
        {
            StartRow(writer, r + 1);
            for (int c = 0; c < rows[r].Length; c++)
            {
                string cellRef = refs[c] + (r + 1).ToString(CultureInfo.InvariantCulture);
                switch (rows[r][c])
                {
                    case null: break;
                    case double d: NumberCell(writer, cellRef, d); break;
                    case var v: TextCell(writer, cellRef, Convert.ToString(v, CultureInfo.InvariantCulture) ?? "", bold: r == 0); break;
                }
            }
            writer.WriteEndElement();
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
        StartRow(writer, 1);
        for (int c = 0; c < columns.Count; c++)
        {
            TextCell(writer, refs[c] + "1", columns[c].Name, bold: true);
        }
        writer.WriteEndElement();
        for (int row = 0; row < rows; row++)
        {
            if ((row & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            int excelRow = row + 2;
            string rowText = excelRow.ToString(CultureInfo.InvariantCulture);
            StartRow(writer, excelRow);
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
                    case CellKind.Text: TextCell(writer, cellRef, ((StringColumn)column).GetString(row) ?? ""); break;
                    case CellKind.Boolean or CellKind.Bit: BooleanCell(writer, cellRef, ((ScalarColumn<bool>)column)[row]); break;
                    case CellKind.Byte: NumberCell(writer, cellRef, ((ScalarColumn<byte>)column)[row]); break;
                    case CellKind.Short: NumberCell(writer, cellRef, ((ScalarColumn<short>)column)[row]); break;
                    case CellKind.Int: NumberCell(writer, cellRef, ((ScalarColumn<int>)column)[row]); break;
                    case CellKind.Long:
                        long l = ((ScalarColumn<long>)column)[row];
                        if (Math.Abs((decimal)l) <= MaxExactInteger)
                        {
                            NumberCell(writer, cellRef, l);
                        }
                        else
                        {
                            TextCell(writer, cellRef, l.ToString(CultureInfo.InvariantCulture));
                        }
                        break;
                    case CellKind.Float: NumberCell(writer, cellRef, ((ScalarColumn<float>)column)[row], single: true); break;
                    case CellKind.Double: NumberCell(writer, cellRef, ((ScalarColumn<double>)column)[row]); break;
                    default: TextCell(writer, cellRef, ArrayText(column, kinds[c], row, text)); break;
                }
            }
            writer.WriteEndElement();
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

    private static void StartRow(OpenXmlWriter writer, int index) =>
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", index.ToString(CultureInfo.InvariantCulture))]);

    private static void NumberCell(OpenXmlWriter writer, string cellRef, double value, bool single = false)
    {
        if (!double.IsFinite(value))
        {
            return; // Excel has no NaN or infinity: the cell stays empty.
        }
        string text = single ? ((float)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
        writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", "", cellRef)]);
        writer.WriteElement(new CellValue(text));
        writer.WriteEndElement();
    }

    private static void BooleanCell(OpenXmlWriter writer, string cellRef, bool value)
    {
        writer.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", "", cellRef), new OpenXmlAttribute("t", "", "b")]);
        writer.WriteElement(new CellValue(value ? "1" : "0"));
        writer.WriteEndElement();
    }

    private static void TextCell(OpenXmlWriter writer, string cellRef, string value, bool bold = false)
    {
        string clean = XmlText.Clean(value);
        if (clean.Length > MaxCellText)
        {
            clean = clean[..MaxCellText];
        }
        OpenXmlAttribute[] attributes = bold
            ? [new("r", "", cellRef), new("t", "", "inlineStr"), new("s", "", "1")]
            : [new("r", "", cellRef), new("t", "", "inlineStr")];
        writer.WriteStartElement(new Cell(), attributes);
        writer.WriteStartElement(new InlineString());
        var t = new Text(clean);
        if (clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])))
        {
            t.Space = SpaceProcessingModeValues.Preserve;
        }
        writer.WriteElement(t);
        writer.WriteEndElement();
        writer.WriteEndElement();
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
