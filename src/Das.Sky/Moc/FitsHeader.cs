using System.Globalization;
using System.Text;

namespace Das.Sky.Moc;

/// <summary>
/// The part of FITS (Pence et al. 2010, FITS 4.0) a MOC needs: 80-character ASCII cards in 2880-byte blocks,
/// fixed-format values (logical and integer right-aligned to column 30, strings quoted from column 11).
/// </summary>
internal sealed class FitsHeader
{
    public const int BlockSize = 2880;
    public const int CardSize = 80;

    private readonly Dictionary<string, (string Value, long Position)> _values = new(StringComparer.Ordinal);
    private readonly StringBuilder _cards = new();

    public string? FirstKeyword { get; private set; }

    /// <summary>Offset of the first card of this header in the file.</summary>
    public long Position { get; private set; }

    public void AddLogical(string key, bool value, string? comment = null) => Add(key, (value ? "T" : "F").PadLeft(20), comment);

    public void AddInteger(string key, long value, string? comment = null) => Add(key, value.ToString(CultureInfo.InvariantCulture).PadLeft(20), comment);

    public void AddString(string key, string value, string? comment = null) =>
        Add(key, ("'" + value.Replace("'", "''", StringComparison.Ordinal).PadRight(8) + "'").PadRight(20), comment);

    /// <summary>The header as bytes: the cards, END, padded with spaces to whole blocks.</summary>
    public byte[] ToBytes()
    {
        var text = _cards.ToString() + "END".PadRight(CardSize);
        var size = (text.Length + BlockSize - 1) / BlockSize * BlockSize;
        return Encoding.ASCII.GetBytes(text.PadRight(size));
    }

    private void Add(string key, string valueField, string? comment)
    {
        var card = key.PadRight(8) + "= " + valueField + (comment is null ? string.Empty : " / " + comment);
        _cards.Append(card.Length > CardSize ? card[..CardSize] : card.PadRight(CardSize));
    }

    /// <summary>Reads a header starting at <paramref name="offset"/>; on return the offset is the start of the data.</summary>
    public static FitsHeader Read(ReadOnlySpan<byte> file, ref long offset)
    {
        var header = new FitsHeader { Position = offset };
        while (true)
        {
            if (offset + CardSize > file.Length)
            {
                throw new MocFormatException("The FITS header ends without an END card", offset);
            }

            var card = file.Slice((int)offset, CardSize);
            foreach (var b in card)
            {
                if (b < 32 || b > 126)
                {
                    throw new MocFormatException("A FITS header card holds a byte that is not printable ASCII (not a FITS file?)", offset);
                }
            }

            var text = Encoding.ASCII.GetString(card);
            var key = text[..8].TrimEnd();
            header.FirstKeyword ??= key;
            if (key == "END")
            {
                offset += CardSize;
                offset = (offset + BlockSize - 1) / BlockSize * BlockSize;
                return header;
            }

            if (text[8..10] == "= " && key.Length > 0)
            {
                header._values.TryAdd(key, (ParseValue(text[10..], offset), offset));
            }

            offset += CardSize;
        }
    }

    private static string ParseValue(string field, long position)
    {
        var s = field.TrimStart();
        if (s.StartsWith('\''))
        {
            var sb = new StringBuilder();
            for (var i = 1; i < s.Length; i++)
            {
                if (s[i] == '\'')
                {
                    if (i + 1 < s.Length && s[i + 1] == '\'')
                    {
                        sb.Append('\'');
                        i++;
                        continue;
                    }

                    return sb.ToString().TrimEnd();
                }

                sb.Append(s[i]);
            }

            throw new MocFormatException("A FITS string value lacks its closing quote", position);
        }

        var slash = s.IndexOf('/', StringComparison.Ordinal);
        return (slash >= 0 ? s[..slash] : s).Trim();
    }

    public string? GetString(string key) => _values.TryGetValue(key, out var v) ? v.Value : null;

    public long? GetInteger(string key)
    {
        if (!_values.TryGetValue(key, out var v))
        {
            return null;
        }

        if (!long.TryParse(v.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            throw new MocFormatException($"FITS keyword {key} should be an integer, not '{v.Value}'", v.Position);
        }

        return result;
    }

    public long RequireInteger(string key) =>
        GetInteger(key) ?? throw new MocFormatException($"The FITS header lacks the mandatory keyword {key}", Position);

    public long PositionOf(string key) => _values.TryGetValue(key, out var v) ? v.Position : Position;

    /// <summary>Size of the data unit in bytes, padded to whole blocks (FITS 4.0 §4.4.1).</summary>
    public long PaddedDataSize()
    {
        var naxis = RequireInteger("NAXIS");
        if (naxis == 0)
        {
            return 0;
        }

        try
        {
            long n = 1;
            for (var i = 1; i <= naxis; i++)
            {
                n = checked(n * RequireInteger("NAXIS" + i.ToString(CultureInfo.InvariantCulture)));
            }

            var bits = Math.Abs(RequireInteger("BITPIX"));
            var size = checked(bits / 8 * (GetInteger("GCOUNT") ?? 1) * ((GetInteger("PCOUNT") ?? 0) + n));
            return checked((size + BlockSize - 1) / BlockSize * BlockSize);
        }
        catch (OverflowException e)
        {
            throw new MocFormatException("The FITS data size overflows", Position, e);
        }
    }
}
