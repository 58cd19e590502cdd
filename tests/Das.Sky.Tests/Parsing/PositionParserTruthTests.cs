using Das.Sky.Parsing;
using Das.Sky.Tests.Fixtures;

namespace Das.Sky.Tests.Parsing;

/// <summary>Every case of Fixtures/parse_cases.json: good input agrees with astropy to 1 mas, bad input gives the exact error.</summary>
public sealed class PositionParserTruthTests
{
    public static TheoryData<string> GoodCases => Truth.ParseCaseIds(ok: true);

    public static TheoryData<string> BadCases => Truth.ParseCaseIds(ok: false);

    [Theory]
    [MemberData(nameof(GoodCases))]
    public void Good_input_agrees_with_astropy_within_1_mas(string id)
    {
        ParseCase c = Truth.ParseCases[id];
        switch (c.Mode)
        {
            case "position":
                PositionParseResult result = PositionParser.Parse(c.Input, c.Options);
                Assert.True(result.Success, $"{c}: {result.Error}");
                double distance = Truth.Distance(c.Ra, c.Dec, result.Position);
                Assert.True(distance <= Truth.Mas, $"{c}: {result.Position} is {distance * 3.6e6:F3} mas from astropy ({c.Ra}, {c.Dec}) [{c.Truth}]");
                break;
            case "ra":
                AngleParseResult ra = AngleParser.ParseRa(c.Input, c.Options.RaUnit);
                Assert.True(ra.Success, $"{c}: {ra.Error}");
                Assert.True(Math.Abs(ra.Angle.Degrees - c.Ra) <= Truth.Mas, $"{c}: {ra.Angle.Degrees} vs {c.Ra}");
                break;
            default:
                AngleParseResult dec = AngleParser.ParseDec(c.Input);
                Assert.True(dec.Success, $"{c}: {dec.Error}");
                Assert.True(Math.Abs(dec.Angle.Degrees - c.Dec) <= Truth.Mas, $"{c}: {dec.Angle.Degrees} vs {c.Dec}");
                if (c.NegativeZeroDec)
                {
                    Assert.True(double.IsNegative(dec.Angle.Degrees), $"{c}: the sign of -00 was lost");
                }

                break;
        }
    }

    [Theory]
    [MemberData(nameof(BadCases))]
    public void Bad_input_reports_field_position_and_reason(string id)
    {
        ParseCase c = Truth.ParseCases[id];
        ParseError? error = c.Mode switch
        {
            "position" => PositionParser.Parse(c.Input, c.Options).Error,
            "ra" => AngleParser.ParseRa(c.Input, c.Options.RaUnit).Error,
            _ => AngleParser.ParseDec(c.Input).Error,
        };
        Assert.NotNull(error);
        Assert.Equal((c.ExpectedField, c.Index, c.Reason), (error.Field, error.Index, error.Reason));
    }

    [Fact]
    public void Fixture_has_at_least_200_cases_and_a_third_bad()
    {
        int total = Truth.ParseCases.Count;
        int bad = Truth.ParseCases.Values.Count(c => !c.Ok);
        Assert.True(total >= 200, $"{total} cases");
        Assert.True(bad * 3 >= total, $"{bad} of {total} bad");
    }
}
