using System.Globalization;
using System.Text;
using Das.Tables.VoTable.Parsing;

namespace Das.Tables.Tests.VoTable;

/// <summary>The fast number paths must agree bit for bit with the runtime's correctly rounded parser.</summary>
public sealed class NumberTextTests
{
    [Fact]
    public void Doubles_match_the_runtime_parser_bit_for_bit()
    {
        var random = new Random(20241124);
        for (int i = 0; i < 200_000; i++)
        {
            double v = i % 3 switch
            {
                0 => random.NextDouble() * 360,
                1 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 12)),
                _ => random.Next(50000, 60000) + random.NextDouble(),
            };
            foreach (string text in new[] { v.ToString("R", CultureInfo.InvariantCulture), v.ToString("G17", CultureInfo.InvariantCulture), v.ToString("F6", CultureInfo.InvariantCulture) })
            {
                Assert.True(NumberText.TryParseDouble(Encoding.ASCII.GetBytes(text), out double ours), text);
                double expected = double.Parse(text, CultureInfo.InvariantCulture);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(ours), $"{text}: {expected:R} vs {ours:R}");
            }
        }
    }

    [Theory]
    [InlineData("00000000123.4500000000")]      // leading zeros are skipped before the eight-digit steps
    [InlineData("0.00000000123456789012")]      // zeros after the point scale; 12 significant digits follow
    [InlineData("12345678.12345678")]           // one eight-digit step on each side of the point
    [InlineData("1234567890123456789")]         // 19 digits: 8 + 8 + 3
    [InlineData("12345678901234567890")]        // 20 digits: the runtime's parser decides
    [InlineData("100000000.00000001")]          // zeros inside the digits count
    [InlineData("1234567:12345678")]            // a byte just past '9' ends the digits (not a number)
    [InlineData("12345678/1234567")]            // a byte just before '0' too
    [InlineData("-87654321.87654321e-5")]
    [InlineData("0.1234567800000000000000")]     // trailing zeros past 19 digits
    public void Long_digit_runs_parse_like_the_runtime(string text)
    {
        bool runtime = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);
        Assert.Equal(runtime, NumberText.TryParseDouble(Encoding.ASCII.GetBytes(text), out double ours));
        if (runtime)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ours));
        }
    }

    [Fact]
    public void Eight_digit_steps_accept_exactly_the_ascii_digits()
    {
        for (int b = 0; b < 256; b++)
        {
            var bytes = Encoding.ASCII.GetBytes("12345678");
            bytes[b % 8] = (byte)b;
            ulong chunk = BitConverter.ToUInt64(bytes);
            Assert.Equal(b is >= '0' and <= '9', NumberText.AreEightDigits(chunk));
            if (b is >= '0' and <= '9')
            {
                Assert.Equal(uint.Parse(Encoding.ASCII.GetString(bytes), CultureInfo.InvariantCulture), NumberText.EightDigitsValue(chunk));
            }
        }
    }

    [Fact]
    public void Numbers_of_every_digit_count_and_length_parse_like_the_runtime()
    {
        // Digit runs of 0 to 22 before and after the point, with and without a sign and an exponent: every way a
        // run can start and end inside or across the eight-byte steps, and the short cells read digit by digit.
        var random = new Random(2026);
        for (int n = 0; n < 200_000; n++)
        {
            var text = new StringBuilder();
            if (random.Next(3) == 0)
            {
                text.Append(random.Next(2) == 0 ? '-' : '+');
            }
            int whole = random.Next(23), fraction = random.Next(-1, 23);
            for (int d = 0; d < whole; d++)
            {
                text.Append((char)('0' + (d == 0 && random.Next(4) == 0 ? 0 : random.Next(10))));
            }
            if (fraction >= 0)
            {
                text.Append('.');
                for (int d = 0; d < fraction; d++)
                {
                    text.Append((char)('0' + random.Next(10)));
                }
            }
            if (random.Next(5) == 0)
            {
                text.Append('e').Append(random.Next(-40, 40).ToString(CultureInfo.InvariantCulture));
            }
            var s = text.ToString();
            var bytes = Encoding.ASCII.GetBytes(s);
            bool runtime = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);
            Assert.True(runtime == NumberText.TryParseDouble(bytes, out double ours), s);
            if (runtime)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(ours), s);
            }
            runtime = float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out float expectedFloat);
            Assert.True(runtime == NumberText.TryParseFloat(bytes, out float ourFloat), s);
            if (runtime)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expectedFloat) == BitConverter.SingleToInt32Bits(ourFloat), s);
            }
            runtime = long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long expectedLong);
            Assert.True(runtime == NumberText.TryParseLong(bytes, out long ourLong), s);
            Assert.Equal(expectedLong, ourLong);
        }
    }

    [Fact]
    public void Sixteen_to_nineteen_digit_decimals_match_the_runtime_parser_bit_for_bit()
    {
        // The Eisel–Lemire path: mantissas above 2^53 with every power of ten its table holds, written plainly,
        // with a decimal point at every place and in exponent form.
        var random = new Random(1977);
        for (int i = 0; i < 300_000; i++)
        {
            int digits = random.Next(16, 20);
            ulong mantissa = (ulong)(random.NextDouble() * Math.Pow(10, digits - 1)) * 10 + (ulong)random.Next(0, 10);
            mantissa = Math.Max(mantissa, 9_007_199_254_740_993UL);
            string m = mantissa.ToString(CultureInfo.InvariantCulture);
            int point = random.Next(0, m.Length + 1);
            int exponent = random.Next(-22, 23);
            foreach (string text in new[]
            {
                m[..point] + "." + m[point..],
                "-" + m[..point] + "." + m[point..],
                m + "e" + exponent.ToString(CultureInfo.InvariantCulture),
                "0.000" + m,
            })
            {
                Assert.True(NumberText.TryParseDouble(Encoding.ASCII.GetBytes(text), out double ours), text);
                double expected = double.Parse(text, CultureInfo.InvariantCulture);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(ours), $"{text}: {expected:R} vs {ours:R}");
            }
        }
    }

    [Fact]
    public void Eisel_Lemire_decides_every_nineteen_digit_product_in_its_table_by_itself()
    {
        // Not only correct through a fallback: the fast path itself answers, for every exponent of its table.
        var random = new Random(5);
        for (int i = 0; i < 200_000; i++)
        {
            ulong w = (ulong)random.NextInt64(1, long.MaxValue) * (ulong)random.Next(1, 3);
            int q = random.Next(EiselLemire.MinQ, EiselLemire.MaxQ + 1);
            Assert.True(EiselLemire.TryCompute(w, q, out double ours), $"{w}e{q}");
            double expected = double.Parse(FormattableString.Invariant($"{w}e{q}"), CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(ours), $"{w}e{q}: {expected:R} vs {ours:R}");
        }
    }

    [Theory]
    [InlineData("9007199254740993")]      // 2^53 + 1: exactly halfway, rounds to the even 2^53
    [InlineData("9007199254740995")]      // halfway, rounds up to the even ...996
    [InlineData("18014398509481986")]     // 2^54 + 2: halfway with a spacing of 4
    [InlineData("4503599627370497.5")]    // 2^52 + 1.5: halfway with a spacing of 1
    [InlineData("9007199254740993e1")]
    [InlineData("9007199254740993e-1")]
    [InlineData("1.7976931348623157e22")]
    [InlineData("9999999999999999999e-22")]
    [InlineData("1000000000000000001e22")]
    [InlineData("0.22099585831165314")]
    [InlineData("155.4588058491475")]
    public void Halfway_and_edge_decimals_round_like_the_runtime(string text)
    {
        Assert.True(NumberText.TryParseDouble(Encoding.ASCII.GetBytes(text), out double ours));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(ours));
    }

    [Fact]
    public void Floats_match_the_runtime_parser_bit_for_bit()
    {
        var random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            float v = (float)((random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-8, 8)));
            foreach (string text in new[] { v.ToString("R", CultureInfo.InvariantCulture), ((double)v).ToString("R", CultureInfo.InvariantCulture) })
            {
                Assert.True(NumberText.TryParseFloat(Encoding.ASCII.GetBytes(text), out float ours), text);
                float expected = float.Parse(text, CultureInfo.InvariantCulture);
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(ours), $"{text}: {expected:R} vs {ours:R}");
            }
        }
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("-Inf")]
    [InlineData("+Infinity")]
    [InlineData("1e400")]
    [InlineData("4.9e-324")]
    [InlineData("0.000000000000000000000000001234")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("-0")]
    public void Special_values_parse_like_the_runtime(string text)
    {
        Assert.True(NumberText.TryParseDouble(Encoding.ASCII.GetBytes(text), out double ours));
        double expected = text.Contains("inf", StringComparison.OrdinalIgnoreCase)
            ? (text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity)
            : double.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ours));
    }

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0x7F", 127L)]
    [InlineData("+42", 42L)]
    public void Integers_parse(string text, long expected)
    {
        Assert.True(NumberText.TryParseLong(Encoding.ASCII.GetBytes(text), out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("12a")]
    [InlineData("")]
    [InlineData("-")]
    public void Bad_integers_are_rejected(string text) => Assert.False(NumberText.TryParseLong(Encoding.ASCII.GetBytes(text), out _));
}
