using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Das.Tables.VoTable.Parsing;

/// <summary>
/// The TABLEDATA cell pass's view of the bytes, 64 at a time: one set of vector compares gives two bit masks for
/// 64 bytes, where markup may start (<c>&lt;</c> or <c>&amp;</c>) and where the text is not XML whitespace. The end
/// of a cell's text and the start of the next tag both come from a trailing-zero count on a mask, so the
/// indentation between cells (often more bytes than the numbers in them) is skipped without a loop per byte.
/// The buffer must not change while a cursor is used (make one per scan).
/// </summary>
internal struct MarkupCursor
{
    private readonly byte[] _data;
    private int _window;   // start of the 64 bytes the masks describe; -64 when none
    private ulong _markup; // '<' or '&'
    private ulong _text;   // anything but ' ', '\t', '\n', '\r'

    public MarkupCursor(byte[] data)
    {
        _data = data;
        _window = -64;
    }

    /// <summary>The index of the first '&lt;' or '&amp;' in [<paramref name="i"/>, <paramref name="end"/>), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextMarkup(int i, int end)
    {
        int rel = i - _window;
        if ((uint)rel < 64)
        {
            ulong m = _markup >> rel;
            if (m != 0)
            {
                int at = i + BitOperations.TrailingZeroCount(m);
                return at < end ? at : -1;
            }
            i = _window + 64;
        }
        return NextMarkupSlow(i, end);
    }

    /// <summary>The index of the first byte in [<paramref name="i"/>, <paramref name="end"/>) that is not XML whitespace, or <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SkipBlank(int i, int end)
    {
        int rel = i - _window;
        if ((uint)rel < 64)
        {
            ulong m = _text >> rel;
            if (m != 0)
            {
                int at = i + BitOperations.TrailingZeroCount(m);
                return at < end ? at : end;
            }
            i = _window + 64;
        }
        return SkipBlankSlow(i, end);
    }

    private int NextMarkupSlow(int i, int end)
    {
        var data = _data;
        while (end - i >= 64)
        {
            Load(i);
            if (_markup != 0)
            {
                return i + BitOperations.TrailingZeroCount(_markup);
            }
            i += 64;
        }
        _window = -64;
        for (; i < end; i++)
        {
            if (data[i] is (byte)'<' or (byte)'&')
            {
                return i;
            }
        }
        return -1;
    }

    private int SkipBlankSlow(int i, int end)
    {
        var data = _data;
        while (end - i >= 64)
        {
            Load(i);
            if (_text != 0)
            {
                return i + BitOperations.TrailingZeroCount(_text);
            }
            i += 64;
        }
        _window = -64;
        while (i < end && NumberText.IsSpace(data[i]))
        {
            i++;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Load(int i)
    {
        ref byte at = ref _data[i];
        _window = i;
        if (Vector256.IsHardwareAccelerated)
        {
            var v0 = Vector256.LoadUnsafe(ref at);
            var v1 = Vector256.LoadUnsafe(ref at, 32);
            _markup = Markup(v0).ExtractMostSignificantBits() | ((ulong)Markup(v1).ExtractMostSignificantBits() << 32);
            _text = ~(Blank(v0).ExtractMostSignificantBits() | ((ulong)Blank(v1).ExtractMostSignificantBits() << 32));
            return;
        }
        ulong markup = 0, blank = 0;
        for (int k = 0; k < 4; k++)
        {
            var v = Vector128.LoadUnsafe(ref at, (nuint)(16 * k));
            markup |= (ulong)(Vector128.Equals(v, Vector128.Create((byte)'<')) | Vector128.Equals(v, Vector128.Create((byte)'&'))).ExtractMostSignificantBits() << (16 * k);
            blank |= (ulong)(Vector128.Equals(v, Vector128.Create((byte)' ')) | Vector128.Equals(v, Vector128.Create((byte)'\n'))
                | Vector128.Equals(v, Vector128.Create((byte)'\t')) | Vector128.Equals(v, Vector128.Create((byte)'\r'))).ExtractMostSignificantBits() << (16 * k);
        }
        _markup = markup;
        _text = ~blank;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Markup(Vector256<byte> v) =>
        Vector256.Equals(v, Vector256.Create((byte)'<')) | Vector256.Equals(v, Vector256.Create((byte)'&'));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Blank(Vector256<byte> v) =>
        Vector256.Equals(v, Vector256.Create((byte)' ')) | Vector256.Equals(v, Vector256.Create((byte)'\n'))
        | Vector256.Equals(v, Vector256.Create((byte)'\t')) | Vector256.Equals(v, Vector256.Create((byte)'\r'));
}
