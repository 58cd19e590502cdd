using System.Numerics;
using System.Runtime.CompilerServices;

namespace Das.Tables.VoTable.Parsing;

/// <summary>
/// w · 10^q correctly rounded to a double, by the Eisel–Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per
/// Second", Software: Practice and Experience 51, 2021): one or two 64×64→128-bit products with a 128-bit
/// approximation of 5^q decide the 53 significant bits and the rounding, or report that they cannot (then the
/// caller uses an exact parser). It serves the 16 to 19 significant digits archives write (repr() of a double),
/// which the Clinger fast path cannot take and an exact 128-bit division made slow.
/// </summary>
internal static class EiselLemire
{
    /// <summary>The powers of ten the table covers: the exponents column values use (1e-22 … 1e22).</summary>
    internal const int MinQ = -22;
    internal const int MaxQ = 22;

    // (high, low) 64-bit halves of 5^q normalised to 128 bits with the top bit set: truncated for q >= 0, and
    // for q < 0 the reciprocal 2^b / 5^-q rounded up, as in the paper's table. Computed exactly once, with BigInteger.
    private static readonly ulong[] Table = BuildTable();

    /// <summary>
    /// Sets <paramref name="value"/> to w · 10^q correctly rounded (round half to even) and returns true, or
    /// returns false where the algorithm cannot decide (q outside the table, a subnormal or infinite result, an
    /// ambiguous product): the caller then parses exactly. <paramref name="w"/> must be non-zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCompute(ulong w, int q, out double value)
    {
        value = 0;
        if (q < MinQ || q > MaxQ || w == 0)
        {
            return false;
        }
        int lz = BitOperations.LeadingZeroCount(w);
        w <<= lz;
        int index = 2 * (q - MinQ);
        ulong high = Math.BigMul(w, Table[index], out ulong low);
        // The low 9 bits below the 55 that matter are all ones: the truncated table entry could have carried into
        // them, so the second product refines the answer.
        if ((high & 0x1FF) == 0x1FF)
        {
            ulong high2 = Math.BigMul(w, Table[index + 1], out _);
            low += high2;
            if (high2 > low)
            {
                high++;
            }
            // The paper proves two products always decide for every q of a binary64 table, so no third step.
        }
        int upper = (int)(high >> 63);
        int shift = upper + 64 - 52 - 3;
        ulong mantissa = high >> shift;
        // floor(log2(10^q)) + 63, + 1023 bias, adjusted for the normalisation.
        int power2 = ((217706 * q) >> 16) + 63 + upper - lz + 1023;
        if (power2 <= 0 || power2 >= 2046)
        {
            return false; // subnormal or overflow: the exact parser decides
        }
        // Exactly halfway between two doubles: round half to even (only possible for small |q|).
        if (low <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == high)
        {
            mantissa &= ~1UL;
        }
        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 2UL << 52)
        {
            mantissa = 1UL << 52;
            power2++;
        }
        mantissa &= ~(1UL << 52);
        if (power2 >= 2047)
        {
            return false;
        }
        value = BitConverter.UInt64BitsToDouble(mantissa | ((ulong)power2 << 52));
        return true;
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[2 * (MaxQ - MinQ + 1)];
        var two128 = BigInteger.One << 128;
        for (int q = MinQ; q <= MaxQ; q++)
        {
            BigInteger c;
            if (q >= 0)
            {
                c = BigInteger.Pow(5, q);
                while (c < (BigInteger.One << 127))
                {
                    c <<= 1;
                }
                while (c >= two128)
                {
                    c >>= 1;
                }
            }
            else
            {
                var power5 = BigInteger.Pow(5, -q);
                int z = (int)(power5 - 1).GetBitLength(); // smallest z with 2^z >= 5^-q
                c = (BigInteger.One << (z + 127)) / power5 + 1;
                while (c >= two128)
                {
                    c >>= 1;
                }
            }
            table[2 * (q - MinQ)] = (ulong)(c >> 64);
            table[2 * (q - MinQ) + 1] = (ulong)(c & ulong.MaxValue);
        }
        return table;
    }
}
