using System.Globalization;
using System.Runtime.CompilerServices;

namespace Das.Tables.VoTable.Parsing;

/// <summary>
/// Number parsing from UTF-8 without allocating. Integers are parsed here; floating point takes an exact fast path
/// (Clinger: up to 2^53 and a small power of ten, one correctly rounded operation; Eisel–Lemire for up to 19 digits)
/// and falls back to the runtime's correctly rounded parser with the invariant culture.
/// </summary>
internal static class NumberText
{
    private static readonly double[] Pow10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    private static readonly float[] Pow10F = [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    /// <summary>The span without leading and trailing XML whitespace; a cell that has none (nearly all) returns at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        // Whitespace bytes are all <= ' ', and few cell texts start or end with another byte that low.
        if (s.Length > 0 && s[0] > (byte)' ' && s[^1] > (byte)' ')
        {
            return s;
        }
        return TrimSlow(s);
    }

    private static ReadOnlySpan<byte> TrimSlow(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && IsSpace(s[a]))
        {
            a++;
        }
        while (b > a && IsSpace(s[b - 1]))
        {
            b--;
        }
        return s[a..b];
    }

    /// <summary>Parses a decimal or 0x-hexadecimal integer (already trimmed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseLong(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }
        int i = 0;
        bool negative = false;
        if (s[0] == (byte)'-' || s[0] == (byte)'+')
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }
        if (i >= s.Length)
        {
            return false;
        }
        if (s.Length - i > 2 && s[i] == (byte)'0' && (s[i + 1] | 0x20) == (byte)'x')
        {
            return TryParseHex(s[(i + 2)..], negative, out value);
        }
        // Leading zeros first (ReadDigits counts only significant digits), then up to 19 digits, which no ulong
        // overflows; a 20th significant digit means at least 10^19, beyond every long.
        while (i < s.Length && s[i] == (byte)'0')
        {
            i++;
        }
        ulong acc = 0;
        int digits = 0;
        if (ReadDigits(s, i, ref acc, ref digits) != s.Length)
        {
            return false;
        }
        if (negative)
        {
            if (acc > (ulong)long.MaxValue + 1)
            {
                return false;
            }
            value = (long)(0 - acc);
            return true;
        }
        if (acc > long.MaxValue)
        {
            return false;
        }
        value = (long)acc;
        return true;
    }

    private static bool TryParseHex(ReadOnlySpan<byte> s, bool negative, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 16)
        {
            return false;
        }
        ulong acc = 0;
        foreach (byte b in s)
        {
            int d = HexDigit(b);
            if (d < 0)
            {
                return false;
            }
            acc = (acc << 4) | (uint)d;
        }
        value = negative ? -(long)acc : (long)acc;
        return true;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>Parses a double (already trimmed), including NaN and infinities in their usual spellings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        if (TryFastDecimal(s, out ulong mantissa, out int exp10, out bool negative, out int digits))
        {
            if (digits <= 19 && mantissa <= (1UL << 53))
            {
                double m = mantissa;
                if (exp10 == 0)
                {
                    value = negative ? -m : m;
                    return true;
                }
                if (exp10 < 0 && exp10 >= -22)
                {
                    value = m / Pow10[-exp10];
                    value = negative ? -value : value;
                    return true;
                }
                if (exp10 > 0 && exp10 <= 22)
                {
                    value = m * Pow10[exp10];
                    value = negative ? -value : value;
                    return true;
                }
            }
            else if (EiselLemire.TryCompute(mantissa, exp10, out value))
            {
                // 16 to 19 significant digits (what repr() writes): two 128-bit products at most.
                value = negative ? -value : value;
                return true;
            }
        }
        return TryParseDoubleSlow(s, out value);
    }

    /// <summary>Parses a float (already trimmed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseFloat(ReadOnlySpan<byte> s, out float value)
    {
        if (TryFastDecimal(s, out ulong mantissa, out int exp10, out bool negative, out int digits) && digits <= 19)
        {
            if (mantissa <= (1UL << 24) && exp10 >= -10 && exp10 <= 10)
            {
                float m = mantissa;
                value = exp10 < 0 ? m / Pow10F[-exp10] : m * Pow10F[exp10];
                value = negative ? -value : value;
                return true;
            }
            if (mantissa <= (1UL << 53) && exp10 >= -22 && exp10 <= 22)
            {
                // Exact double first (one rounding), then to float; a double exactly halfway between two floats
                // could be a double rounding, so that rare case goes to the runtime's parser.
                double d = exp10 < 0 ? mantissa / Pow10[-exp10] : mantissa * Pow10[exp10];
                if ((BitConverter.DoubleToInt64Bits(d) & 0x1FFFFFFF) != 0x10000000)
                {
                    value = (float)(negative ? -d : d);
                    return true;
                }
            }
        }
        if (TryParseDoubleSlowSpecial(s, out double special))
        {
            value = (float)special;
            return true;
        }
        return float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Reads [sign] digits [. digits] [e[sign]digits] into a mantissa of at most 19 significant digits; false
    /// for anything else (the slow path then decides).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool TryFastDecimal(ReadOnlySpan<byte> s, out ulong mantissa, out int exp10, out bool negative, out int digits)
    {
        mantissa = 0;
        exp10 = 0;
        digits = 0;
        negative = false;
        int i = 0, n = s.Length;
        if (n == 0)
        {
            return false;
        }
        if (s[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        else if (s[0] == (byte)'+')
        {
            i = 1;
        }
        int start = i;
        // Integer part. Leading zeros are not significant digits; skipping them first lets every later digit count.
        while (i < n && s[i] == (byte)'0')
        {
            i++;
        }
        i = ReadDigits(s, i, ref mantissa, ref digits);
        if (i < 0)
        {
            return false;
        }
        int intDigits = i - start;
        int fracDigits = 0;
        if (i < n && s[i] == (byte)'.')
        {
            i++;
            int fracStart = i;
            if (mantissa == 0)
            {
                // 0.000123: the zeros after the point only scale the value (they are counted in fracDigits).
                while (i < n && s[i] == (byte)'0')
                {
                    i++;
                }
            }
            i = ReadDigits(s, i, ref mantissa, ref digits);
            if (i < 0)
            {
                return false;
            }
            fracDigits = i - fracStart;
        }
        if (intDigits + fracDigits == 0)
        {
            return false;
        }
        exp10 = -fracDigits;
        if (i < n)
        {
            if ((s[i] | 0x20) != (byte)'e')
            {
                return false;
            }
            i++;
            bool expNegative = false;
            if (i < n && (s[i] == (byte)'-' || s[i] == (byte)'+'))
            {
                expNegative = s[i] == (byte)'-';
                i++;
            }
            if (i >= n)
            {
                return false;
            }
            int e = 0;
            while (i < n)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9 || e > 10000)
                {
                    return false;
                }
                e = e * 10 + (int)d;
                i++;
            }
            exp10 += expNegative ? -e : e;
        }
        return true;
    }

    /// <summary>
    /// Appends the decimal digits from <paramref name="i"/> to the mantissa, eight at a time while eight are there
    /// (archives write doubles with 16-19 digits: two or three steps instead of as many loop turns); returns where the
    /// digits end, or -1 past 19 significant digits. Callers skip leading zeros first, so every digit read here is
    /// significant.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadDigits(ReadOnlySpan<byte> s, int i, ref ulong mantissa, ref int digits)
    {
        int n = s.Length;
        while (n - i >= 8 && digits <= 11)
        {
            ulong chunk = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s[i..]);
            if (!AreEightDigits(chunk))
            {
                break;
            }
            mantissa = mantissa * 100_000_000 + EightDigitsValue(chunk);
            digits += 8;
            i += 8;
        }
        while (i < n)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9)
            {
                break;
            }
            if (++digits > 19)
            {
                return -1;
            }
            mantissa = mantissa * 10 + d;
            i++;
        }
        return i;
    }

    /// <summary>True when all eight bytes (little-endian in <paramref name="chunk"/>) are '0'..'9'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool AreEightDigits(ulong chunk) =>
        ((chunk & 0xF0F0F0F0F0F0F0F0UL) | (((chunk + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) == 0x3333333333333333UL;

    /// <summary>The value of eight ASCII digits, the first in the lowest byte: three multiply-shift steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint EightDigitsValue(ulong chunk)
    {
        const ulong mask = 0x000000FF000000FFUL;
        const ulong mul1 = 100 + (1_000_000UL << 32);
        const ulong mul2 = 1 + (10_000UL << 32);
        chunk -= 0x3030303030303030UL;
        chunk = (chunk * 10) + (chunk >> 8); // pairs of digits
        return (uint)((((chunk & mask) * mul1) + (((chunk >> 16) & mask) * mul2)) >> 32);
    }

    private static bool TryParseDoubleSlow(ReadOnlySpan<byte> s, out double value)
    {
        if (TryParseDoubleSlowSpecial(s, out value))
        {
            return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseDoubleSlowSpecial(ReadOnlySpan<byte> s, out double value)
    {
        if (s.SequenceEqual("NaN"u8))
        {
            // How astropy, STILTS and Python's repr() write it: the common case, without the case-folding copy.
            value = double.NaN;
            return true;
        }
        value = 0;
        if (s.Length is < 3 or > 9)
        {
            return false;
        }
        bool negative = s[0] == (byte)'-';
        var body = s[0] is (byte)'-' or (byte)'+' ? s[1..] : s;
        Span<byte> lower = stackalloc byte[body.Length];
        for (int i = 0; i < body.Length; i++)
        {
            lower[i] = (byte)(body[i] | 0x20);
        }
        if (lower.SequenceEqual("nan"u8))
        {
            value = double.NaN;
            return true;
        }
        if (lower.SequenceEqual("inf"u8) || lower.SequenceEqual("infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }
}
