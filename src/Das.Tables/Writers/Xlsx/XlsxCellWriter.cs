using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Das.Tables.Writers.Xlsx;

/// <summary>
/// Writes rows and cells through one <see cref="OpenXmlWriter"/>, reusing its element and attribute instances
/// (the writer only reads their names), so a cell costs its text and nothing else.
/// </summary>
internal sealed class XlsxCellWriter(OpenXmlWriter writer)
{
    internal const int MaxCellText = 32_767;

    private readonly Row _row = new();
    private readonly Cell _cell = new();
    private readonly CellValue _value = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly Text _textPreserve = new() { Space = SpaceProcessingModeValues.Preserve };
    private readonly OpenXmlAttribute[] _one = new OpenXmlAttribute[1];
    private readonly OpenXmlAttribute[] _two = new OpenXmlAttribute[2];
    private readonly OpenXmlAttribute[] _three = new OpenXmlAttribute[3];

    public void StartRow(int index)
    {
        _one[0] = new OpenXmlAttribute("r", "", index.ToString(CultureInfo.InvariantCulture));
        writer.WriteStartElement(_row, _one);
    }

    public void EndRow() => writer.WriteEndElement();

    /// <summary>A number cell; NaN and infinities leave the cell empty (Excel has neither).</summary>
    public void Number(string cellRef, double value, bool single = false)
    {
        if (!double.IsFinite(value))
        {
            return;
        }
        _one[0] = new OpenXmlAttribute("r", "", cellRef);
        writer.WriteStartElement(_cell, _one);
        writer.WriteStartElement(_value);
        writer.WriteString(single ? ((float)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture));
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    public void Boolean(string cellRef, bool value)
    {
        _two[0] = new OpenXmlAttribute("r", "", cellRef);
        _two[1] = new OpenXmlAttribute("t", "", "b");
        writer.WriteStartElement(_cell, _two);
        writer.WriteStartElement(_value);
        writer.WriteString(value ? "1" : "0");
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>An inline-string cell (no shared-string table, so nothing is held back); style 1 is bold.</summary>
    public void Text(string cellRef, string value, bool bold = false)
    {
        string clean = XmlText.Clean(value);
        if (clean.Length > MaxCellText)
        {
            clean = clean[..MaxCellText];
        }
        OpenXmlAttribute[] attributes = bold ? _three : _two;
        attributes[0] = new OpenXmlAttribute("r", "", cellRef);
        attributes[1] = new OpenXmlAttribute("t", "", "inlineStr");
        if (bold)
        {
            attributes[2] = new OpenXmlAttribute("s", "", "1");
        }
        writer.WriteStartElement(_cell, attributes);
        writer.WriteStartElement(_inline);
        bool edgeSpace = clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1]));
        writer.WriteStartElement(edgeSpace ? _textPreserve : _text);
        writer.WriteString(clean);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
