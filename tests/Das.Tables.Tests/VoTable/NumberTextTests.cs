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
