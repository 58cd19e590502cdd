using Das.Sky.Frames;
using Das.Sky.Parsing;
using Das.Sky.Positions;

namespace Das.Sky.Tests.Parsing;

/// <summary>The behaviours the brief names, one by one (the fixture theories cover the breadth).</summary>
public sealed class PositionParserTests
{
    [Fact]
    public void Letters_notation_gives_the_documented_decimal_output()
    {
        PositionParseResult result = PositionParser.Parse("10h41m00.5s +41d16m07s");
        Assert.True(result.Success);
        Assert.Equal("160.252083 +41.268611", result.Position.ToString());
    }

    [Fact]
    public void Dec_minutes_above_59_are_rejected_with_position()
    {
        ParseError? error = PositionParser.Parse("10:41:00.5 +41:61:07").Error;
        Assert.Equal(new ParseError(CoordinateField.Dec, 15, "Dec minutes 61 is out of range 0-59"), error);
        Assert.Equal("Dec at character 15: Dec minutes 61 is out of range 0-59", error!.ToString());
    }

    [Theory]
    [InlineData("10 41 00 -00 30 00")]
    [InlineData("10:41:00 -00:30:00")]
    [InlineData("10h41m00s -00d30m00s")]
    [InlineData("10 41 00 \u221200 30 00")]
    [InlineData("10 41 00 \u201300 30 00")]
    public void Negative_zero_degrees_stay_negative(string text)
    {
        Assert.Equal(-0.5, PositionParser.Parse(text).Position.Dec, 12);
    }

    [Fact]
    public void Single_dec_field_keeps_the_sign_of_negative_zero()
    {
        Assert.True(double.IsNegative(AngleParser.ParseDec("-00 00 00").Angle.Degrees));
        Assert.Equal(-0.5, AngleParser.ParseDec("-00 30").Angle.Degrees, 12);
    }

    [Fact]
    public void Sexagesimal_ra_is_hours_and_decimal_ra_is_degrees_by_default()
    {
        Assert.Equal(157.5, PositionParser.Parse("10 30 00 +10 00 00").Position.Ra, 9);
        Assert.Equal(10.5, PositionParser.Parse("10.5 +10").Position.Ra, 9);
    }

    [Fact]
    public void Ra_unit_option_overrides_the_notation_but_not_unit_letters()
    {
        var hours = new PositionParseOptions { RaUnit = RaUnit.Hours };
        var degrees = new PositionParseOptions { RaUnit = RaUnit.Degrees };
        Assert.Equal(157.5, PositionParser.Parse("10.5 +10", hours).Position.Ra, 9);
        Assert.Equal(10.5, PositionParser.Parse("10 30 00 +10 00 00", degrees).Position.Ra, 9);
        Assert.Equal(157.5, PositionParser.Parse("10h30m +10d", degrees).Position.Ra, 9);
    }

    [Theory]
    [InlineData("J104100.5+411607")]
    [InlineData("SDSS J104100.5+411607")]
    [InlineData("2MASS J10410050+4116070")]
    [InlineData("  J104100.50+411607.0  ")]
    public void Iau_designations_with_and_without_survey_prefix_parse(string text)
    {
        Assert.Equal("160.252083 +41.268611", PositionParser.Parse(text).Position.ToString());
    }

    [Fact]
    public void Truncated_designation_means_hhmm_and_ddmm()
    {
        Assert.Equal("10:41:00.000 +41:16:00.00", PositionParser.Parse("J1041+4116").Position.ToString(PositionFormat.Sexagesimal));
    }

    [Fact]
    public void Equinox_in_brackets_is_not_mistaken_for_a_designation()
    {
        ParseError? error = PositionParser.Parse("10 41 00.5 +41 16 07 (J2000)").Error;
        Assert.Equal("unexpected character '('", error?.Reason);
    }

    [Fact]
    public void Comma_always_separates_coordinates_whatever_the_culture()
    {
        System.Globalization.CultureInfo previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            Assert.Equal("160.250000 -7.500000", PositionParser.Parse("160.25,-7.5").Position.ToString());
            Assert.Equal("unexpected character ','", PositionParser.Parse("160,25 -7,5").Error?.Reason);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Galactic_input_is_converted_to_icrs()
    {
        var galactic = new PositionParseOptions { Frame = SkyFrame.Galactic };
        SkyPosition centre = PositionParser.Parse("0 0", galactic).Position;
        Assert.Equal(SkyFrames.ToIcrs(SkyFrame.Galactic, 0, 0), centre);
        Assert.Equal(PositionParser.Parse("359.5 +0.5", galactic).Position, PositionParser.Parse("-0.5 +0.5", galactic).Position);
    }

    [Fact]
    public void Empty_input_is_an_error_not_an_exception()
    {
        Assert.Equal(new ParseError(CoordinateField.None, 0, "empty input"), PositionParser.Parse((string?)null).Error);
        Assert.Throws<InvalidOperationException>(() => PositionParser.Parse(" ").Position);
    }

    [Fact]
    public void Successful_parse_does_not_allocate()
    {
        const string text = "10h41m00.5s +41d16m07s";
        PositionParser.Parse(text.AsSpan());
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            PositionParser.Parse(text.AsSpan());
            PositionParser.Parse("J104100.5+411607".AsSpan());
            PositionParser.Parse("160.25,-7.5".AsSpan());
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
