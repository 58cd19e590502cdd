namespace Das.Tables.Writers.VoTable;

/// <summary>Minimal XML markup on an <see cref="OutputBuffer"/>: start tags, escaped attributes, text, end tags.</summary>
internal sealed class XmlMarkup(OutputBuffer output, bool indent)
{
    private int _depth;

    public OutputBuffer Output => output;

    /// <summary>Writes <c>&lt;name</c> on a new line at the current depth.</summary>
    public void Open(ReadOnlySpan<byte> name)
    {
        NewLine();
        output.Write((byte)'<');
        output.Write(name);
    }

    /// <summary>Writes <c> name="value"</c>, escaped; nothing for a null value.</summary>
    public void Attr(ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            return;
        }
        output.Write((byte)' ');
        output.Write(name);
        output.Write("=\""u8);
        XmlText.Write(output, value, attribute: true);
        output.Write((byte)'"');
    }

    /// <summary>Ends a start tag whose element has children.</summary>
    public void OpenDone()
    {
        output.Write((byte)'>');
        _depth++;
    }

    /// <summary>Ends a start tag as an empty element.</summary>
    public void OpenDoneEmpty() => output.Write("/>"u8);

    /// <summary>Closes an element whose children were written on their own lines.</summary>
    public void Close(ReadOnlySpan<byte> name)
    {
        _depth--;
        NewLine();
        output.Write("</"u8);
        output.Write(name);
        output.Write((byte)'>');
    }

    /// <summary>Writes <c>&lt;name attrs&gt;text&lt;/name&gt;</c> after the attributes already written with <see cref="Attr"/>.</summary>
    public void TextContentAndClose(ReadOnlySpan<byte> name, string text)
    {
        output.Write((byte)'>');
        XmlText.Write(output, text, attribute: false);
        output.Write("</"u8);
        output.Write(name);
        output.Write((byte)'>');
    }

    /// <summary>Writes a whole element holding only text (nothing for null text).</summary>
    public void TextElement(ReadOnlySpan<byte> name, string? text)
    {
        if (text is null)
        {
            return;
        }
        Open(name);
        TextContentAndClose(name, text);
    }

    /// <summary>Writes raw bytes at the start of a fresh line (no indentation).</summary>
    public void RawLine(ReadOnlySpan<byte> bytes)
    {
        output.Write((byte)'\n');
        output.Write(bytes);
    }

    private void NewLine()
    {
        output.Write((byte)'\n');
        if (indent)
        {
            var span = output.GetSpan(_depth * 2);
            span[..(_depth * 2)].Fill((byte)' ');
            output.Advance(_depth * 2);
        }
    }
}
