using Das.Sky.Frames;
using Das.Sky.Parsing;

namespace Das.Sky.Tests.Parsing;

public sealed class PositionParserRobustnessTests
{
    private const string Alphabet = "0123456789 .:,+-\u2212hmsdHMSD°′″'\"JB xyz\t";

    [Fact]
    public void Random_text_gives_a_result_or_an_error_inside_the_input_never_an_exception()
    {
        var rng = new Random(42);
        var frames = Enum.GetValues<SkyFrame>();
        for (int n = 0; n < 20_000; n++)
        {
            char[] chars = new char[rng.Next(0, 30)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[rng.Next(Alphabet.Length)];
            }

            string text = new(chars);
            var options = new PositionParseOptions { Frame = frames[rng.Next(frames.Length)], RaUnit = (RaUnit)rng.Next(3) };
            PositionParseResult result = PositionParser.Parse(text, options);
            if (result.Error is { } error)
            {
                Assert.InRange(error.Index, 0, text.Length);
                Assert.False(string.IsNullOrWhiteSpace(error.Reason), text);
            }
            else
            {
                Assert.InRange(result.Position.Dec, -90, 90);
                Assert.InRange(result.Position.Ra, 0, 360);
            }

            AngleParseResult dec = AngleParser.ParseDec(text);
            Assert.True(dec.Success || dec.Error!.Index <= text.Length);
        }
    }

    [Fact]
    public void Numbers_are_read_exactly_as_double_parse_reads_them()
    {
        var rng = new Random(7);
        for (int n = 0; n < 50_000; n++)
        {
            int intDigits = rng.Next(0, 4);
            int fracDigits = rng.Next(0, 16 - intDigits);
            string number = string.Concat(Enumerable.Range(0, intDigits).Select(_ => (char)('0' + rng.Next(10))));
            if (fracDigits > 0 || intDigits == 0)
            {
                number += "." + string.Concat(Enumerable.Range(0, Math.Max(fracDigits, 1)).Select(_ => (char)('0' + rng.Next(10))));
            }

            double expected = double.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
            if (expected > 90)
            {
                continue;
            }

            AngleParseResult result = AngleParser.ParseDec(number);
            Assert.True(result.Success, number);
            Assert.Equal(expected, result.Angle.Degrees);
        }
    }
}
