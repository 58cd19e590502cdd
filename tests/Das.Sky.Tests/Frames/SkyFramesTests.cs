using Das.Sky.Frames;
using Das.Sky.Positions;
using Das.Sky.Tests.Fixtures;

namespace Das.Sky.Tests.Frames;

public sealed class SkyFramesTests
{
    public static TheoryData<string> FrameNames => new(Truth.Frames.Frames.Keys);

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void Conversion_to_icrs_agrees_with_astropy_within_1_mas(string frame)
    {
        SkyFrame skyFrame = ParseCase.FrameOf(frame);
        List<double[]> rows = Truth.Frames.Frames[frame];
        Assert.True(rows.Count >= 200);
        double worst = 0;
        foreach (double[] row in rows)
        {
            SkyPosition icrs = SkyFrames.ToIcrs(skyFrame, row[0], row[1]);
            double distance = Truth.Distance(row[2], row[3], icrs);
            Assert.True(distance <= Truth.Mas, $"{frame} ({row[0]}, {row[1]}): {icrs} is {distance * 3.6e6:F3} mas from astropy ({row[2]}, {row[3]})");
            worst = Math.Max(worst, distance);
        }

        TestContext.Current.SendDiagnosticMessage($"{frame}: worst {worst * 3.6e9:F3} µas over {rows.Count} points");
    }

    [Fact]
    public void Galactic_centre_lands_in_sagittarius_as_astropy_prints_it()
    {
        SkyPosition centre = SkyFrames.ToIcrs(SkyFrame.Galactic, 0, 0);
        Assert.Equal("17:45:37.197 -28:56:10.24", centre.ToString(PositionFormat.Sexagesimal));
    }
}
