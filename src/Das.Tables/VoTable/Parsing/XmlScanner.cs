using System.Buffers;
using System.Text;

namespace Das.Tables.VoTable.Parsing;

/// <summary>The kind of the current <see cref="XmlScanner"/> token.</summary>
internal enum XmlTokenKind
{
    None,
    StartElement,
    EndElement,
    Text,
    EndOfInput,
}

/// <summary>The input ended inside the document (a cut connection or file).</summary>
internal sealed class EndOfInputException : Exception
{
    public EndOfInputException()
        : base("the document ended early")
    {
    }

    public EndOfInputException(string message)
        : base(message)
    {
    }

    public EndOfInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>Malformed XML at a byte offset.</summary>
internal sealed class XmlSyntaxException : Exception
{
    public XmlSyntaxException()
    {
    }

    public XmlSyntaxException(string message)
        : base(message)
    {
    }

    public XmlSyntaxException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public XmlSyntaxException(string message, long offset)
        : base(message) => Offset = offset;

    public long Offset { get; }
}

/// <summary>
/// A small pull tokenizer for UTF-8 XML over an <see cref="InputBuffer"/>: elements with attributes (namespace
/// prefixes stripped from element names), text with entity and character references decoded, CDATA as text;
/// comments, processing instructions and DOCTYPE skipped. It never consumes a partial token: when a token is not
/// complete in the window it reads more. The data sections (TABLEDATA rows, base64) are read by faster code working
/// on the same window, so this class only sees metadata.
/// </summary>
internal sealed class XmlScanner(InputBuffer input)
{
    private static readonly SearchValues<byte> TagEndOrQuote = SearchValues.Create("\"'>"u8);

    private readonly InputBuffer _in = input;

    public XmlTokenKind Kind { get; private set; }

    /// <summary>Local name of the current element (prefix removed).</summary>
    public string Name { get; private set; } = "";

    /// <summary>Prefix of the current element including the colon (e.g. "vot:"), or empty.</summary>
    public string Prefix { get; private set; } = "";

    public bool IsEmptyElement { get; private set; }

    public List<KeyValuePair<string, string>> Attributes { get; } = [];

    public string Text { get; private set; } = "";

    /// <summary>Absolute byte offset where the current token started.</summary>
    public long TokenOffset { get; private set; }

    public Encoding TextEncoding { get; private set; } = Encoding.UTF8;

    /// <summary>The encoding named in the XML declaration, if any.</summary>
    public string? DeclaredEncoding { get; private set; }

    public InputBuffer Input => _in;

    public string? Attribute(string name)
    {
        foreach (var pair in Attributes)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }
        return null;
    }

    /// <summary>Reads the next token. At the end of input returns <see cref="XmlTokenKind.EndOfInput"/>.</summary>
    public async ValueTask<XmlTokenKind> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var outcome = TryReadToken();
            if (outcome == Outcome.Token)
            {
                return Kind;
            }
            if (outcome == Outcome.Skipped)
            {
                continue;
            }
            if (!await _in.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_in.Position < _in.End && outcome == Outcome.NeedMore)
                {
                    // Trailing text at the end of input is returned; an unfinished tag is a cut document.
                    if (_in.Data[_in.Position] != (byte)'<')
                    {
                        TokenOffset = _in.AbsolutePosition;
                        Text = DecodeText(_in.Data.AsSpan(_in.Position, _in.End - _in.Position));
                        _in.Position = _in.End;
                        Kind = XmlTokenKind.Text;
                        return Kind;
                    }
                    throw new EndOfInputException("the document ended inside a tag");
                }
                Kind = XmlTokenKind.EndOfInput;
                return Kind;
            }
        }
    }

    private enum Outcome
    {
        Token,
        Skipped,
        NeedMore,
    }

    private Outcome TryReadToken()
    {
        var data = _in.Data;
        int pos = _in.Position, end = _in.End;
        if (pos >= end)
        {
            return Outcome.NeedMore;
        }
        long offset = _in.BaseOffset + pos;
        if (data[pos] != (byte)'<')
        {
            int lt = data.AsSpan(pos, end - pos).IndexOf((byte)'<');
            if (lt < 0)
            {
                return Outcome.NeedMore;
            }
            TokenOffset = offset;
            Text = DecodeText(data.AsSpan(pos, lt));
            _in.Position = pos + lt;
            Kind = XmlTokenKind.Text;
            return Outcome.Token;
        }
        var rest = data.AsSpan(pos, end - pos);
        if (rest.Length < 2)
        {
            return Outcome.NeedMore;
        }
        byte second = rest[1];
        if (second == (byte)'!')
        {
            if (rest.Length < 9)
            {
                return rest.StartsWith("<!--"u8) || "<![CDATA["u8.StartsWith(rest) ? Outcome.NeedMore : SkipDeclaration(rest, pos);
            }
            if (rest.StartsWith("<!--"u8))
            {
                int close = rest[4..].IndexOf("-->"u8);
                if (close < 0)
                {
                    return Outcome.NeedMore;
                }
                _in.Position = pos + 4 + close + 3;
                return Outcome.Skipped;
            }
            if (rest.StartsWith("<![CDATA["u8))
            {
                int close = rest[9..].IndexOf("]]>"u8);
                if (close < 0)
                {
                    return Outcome.NeedMore;
                }
                TokenOffset = offset;
                Text = TextEncoding.GetString(rest.Slice(9, close));
                _in.Position = pos + 9 + close + 3;
                Kind = XmlTokenKind.Text;
                return Outcome.Token;
            }
            return SkipDeclaration(rest, pos);
        }
        if (second == (byte)'?')
        {
            int close = rest.IndexOf("?>"u8);
            if (close < 0)
            {
                return Outcome.NeedMore;
            }
            if (rest.StartsWith("<?xml "u8) || rest.StartsWith("<?xml\t"u8) || rest.StartsWith("<?xml\n"u8))
            {
                ReadDeclaration(rest[..close]);
            }
            _in.Position = pos + close + 2;
            return Outcome.Skipped;
        }
        if (second == (byte)'/')
        {
            int gt = rest.IndexOf((byte)'>');
            if (gt < 0)
            {
                return Outcome.NeedMore;
            }
            SetName(rest[2..gt].TrimEnd(" \t\r\n"u8), offset);
            TokenOffset = offset;
            IsEmptyElement = false;
            Attributes.Clear();
            _in.Position = pos + gt + 1;
            Kind = XmlTokenKind.EndElement;
            return Outcome.Token;
        }
        return TryReadStartTag(rest, pos, offset);
    }

    private Outcome SkipDeclaration(ReadOnlySpan<byte> rest, int pos)
    {
        // <!DOCTYPE ...> possibly with an internal subset [ ... ].
        int depth = 0;
        for (int i = 2; i < rest.Length; i++)
        {
            byte b = rest[i];
            if (b == (byte)'[')
            {
                depth++;
            }
            else if (b == (byte)']')
            {
                depth--;
            }
            else if (b == (byte)'>' && depth <= 0)
            {
                _in.Position = pos + i + 1;
                return Outcome.Skipped;
            }
        }
        return Outcome.NeedMore;
    }

    private void ReadDeclaration(ReadOnlySpan<byte> decl)
    {
        int at = decl.IndexOf("encoding"u8);
        if (at < 0)
        {
            return;
        }
        var tail = decl[(at + 8)..].TrimStart(" \t\r\n="u8);
        if (tail.Length < 2 || (tail[0] != (byte)'"' && tail[0] != (byte)'\''))
        {
            return;
        }
        int close = tail[1..].IndexOf(tail[0]);
        if (close < 0)
        {
            return;
        }
        DeclaredEncoding = Encoding.ASCII.GetString(tail.Slice(1, close));
        if (DeclaredEncoding.StartsWith("ISO-8859-1", StringComparison.OrdinalIgnoreCase) ||
            DeclaredEncoding.Equals("latin1", StringComparison.OrdinalIgnoreCase) ||
            DeclaredEncoding.Equals("latin-1", StringComparison.OrdinalIgnoreCase))
        {
            TextEncoding = Encoding.Latin1;
        }
    }

    private Outcome TryReadStartTag(ReadOnlySpan<byte> rest, int pos, long offset)
    {
        // Find the closing '>' outside attribute quotes.
        int i = 1;
        while (true)
        {
            int hit = rest[i..].IndexOfAny(TagEndOrQuote);
            if (hit < 0)
            {
                return Outcome.NeedMore;
            }
            i += hit;
            if (rest[i] == (byte)'>')
            {
                break;
            }
            int close = rest[(i + 1)..].IndexOf(rest[i]);
            if (close < 0)
            {
                return Outcome.NeedMore;
            }
            i += close + 2;
            if (i >= rest.Length)
            {
                return Outcome.NeedMore;
            }
        }
        var tag = rest[1..i];
        bool empty = tag.Length > 0 && tag[^1] == (byte)'/';
        if (empty)
        {
            tag = tag[..^1];
        }
        int nameEnd = tag.IndexOfAny(" \t\r\n"u8);
        var name = nameEnd < 0 ? tag : tag[..nameEnd];
        if (name.IsEmpty)
        {
            throw new XmlSyntaxException("'<' is not followed by an element name", offset);
        }
        SetName(name, offset);
        Attributes.Clear();
        if (nameEnd >= 0)
        {
            ParseAttributes(tag[nameEnd..], offset);
        }
        TokenOffset = offset;
        IsEmptyElement = empty;
        _in.Position = pos + i + 1;
        Kind = XmlTokenKind.StartElement;
        return Outcome.Token;
    }

    private void SetName(ReadOnlySpan<byte> qualified, long offset)
    {
        if (qualified.IsEmpty)
        {
            throw new XmlSyntaxException("an end tag without a name", offset);
        }
        int colon = qualified.IndexOf((byte)':');
        Prefix = colon < 0 ? "" : Encoding.UTF8.GetString(qualified[..(colon + 1)]);
        Name = ElementNames.Get(colon < 0 ? qualified : qualified[(colon + 1)..]);
    }

    private void ParseAttributes(ReadOnlySpan<byte> s, long offset)
    {
        while (true)
        {
            s = s.TrimStart(" \t\r\n"u8);
            if (s.IsEmpty)
            {
                return;
            }
            int eq = s.IndexOf((byte)'=');
            if (eq <= 0)
            {
                throw new XmlSyntaxException($"attribute '{Encoding.UTF8.GetString(s)}' has no value", offset);
            }
            var name = s[..eq].TrimEnd(" \t\r\n"u8);
            s = s[(eq + 1)..].TrimStart(" \t\r\n"u8);
            if (s.IsEmpty || (s[0] != (byte)'"' && s[0] != (byte)'\''))
            {
                throw new XmlSyntaxException($"the value of attribute '{Encoding.UTF8.GetString(name)}' is not quoted", offset);
            }
            int close = s[1..].IndexOf(s[0]);
            if (close < 0)
            {
                throw new XmlSyntaxException($"the value of attribute '{Encoding.UTF8.GetString(name)}' is not closed", offset);
            }
            var value = s.Slice(1, close);
            Attributes.Add(new(ElementNames.Get(name), DecodeAttribute(value)));
            s = s[(close + 2)..];
        }
    }

    private string DecodeAttribute(ReadOnlySpan<byte> raw)
    {
        string text = DecodeText(raw);
        if (text.AsSpan().IndexOfAny('\n', '\t', '\r') >= 0)
        {
            text = text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\t', ' ').Replace('\r', ' ');
        }
        return text;
    }

    /// <summary>Decodes text with entity and character references.</summary>
    public string DecodeText(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'&') < 0)
        {
            return TextEncoding.GetString(raw);
        }
        return Entities.Decode(TextEncoding.GetString(raw));
    }
}
