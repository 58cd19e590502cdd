using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Das.Tables.VoTable.Parsing;

/// <summary>
/// Finds the next of up to three byte values in a buffer, 64 bytes at a time: one set of vector compares gives a
/// bit mask for 64 bytes, and successive short fields are found from the mask with a trailing-zero count instead
/// of one search call per field. The buffer must not change while a cursor is used (make one per scan).
/// </summary>
internal struct ByteCursor
{
    private readonly byte[] _data;
    private readonly byte _a, _b, _c;
    private int _window;   // start of the 64 bytes described by _mask; -64 when none
    private ulong _mask;

    public ByteCursor(byte[] data, byte a, byte b, byte c)
    {
        _data = data;
        _a = a;
        _b = b;
        _c = c;
        _window = -64;
        _mask = 0;
    }

    /// <summary>The index of the first byte in [<paramref name="i"/>, <paramref name="end"/>) that is one of the three values, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int i, int end)
    {
        int rel = i - _window;
        if ((uint)rel < 64)
        {
            ulong m = _mask >> rel;
            if (m != 0)
            {
                int at = i + BitOperations.TrailingZeroCount(m);
                return at < end ? at : -1;
            }
            i = _window + 64;
        }
        return NextSlow(i, end);
    }

    private int NextSlow(int i, int end)
    {
        var data = _data;
        while (end - i >= 64)
        {
            ulong m = Mask(ref data[i]);
            if (m != 0)
            {
                _window = i;
                _mask = m;
                return i + BitOperations.TrailingZeroCount(m);
            }
            i += 64;
        }
        _window = -64;
        for (; i < end; i++)
        {
            byte x = data[i];
            if (x == _a || x == _b || x == _c)
            {
                return i;
            }
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ulong Mask(ref byte at)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(_a);
            var b = Vector256.Create(_b);
            var c = Vector256.Create(_c);
            var v0 = Vector256.LoadUnsafe(ref at);
            var v1 = Vector256.LoadUnsafe(ref at, 32);
            uint m0 = (Vector256.Equals(v0, a) | Vector256.Equals(v0, b) | Vector256.Equals(v0, c)).ExtractMostSignificantBits();
            uint m1 = (Vector256.Equals(v1, a) | Vector256.Equals(v1, b) | Vector256.Equals(v1, c)).ExtractMostSignificantBits();
            return m0 | ((ulong)m1 << 32);
        }
        var a1 = Vector128.Create(_a);
        var b1 = Vector128.Create(_b);
        var c1 = Vector128.Create(_c);
        ulong mask = 0;
        for (int k = 0; k < 4; k++)
        {
            var v = Vector128.LoadUnsafe(ref at, (nuint)(16 * k));
            mask |= (ulong)(Vector128.Equals(v, a1) | Vector128.Equals(v, b1) | Vector128.Equals(v, c1)).ExtractMostSignificantBits() << (16 * k);
        }
        return mask;
    }
}
