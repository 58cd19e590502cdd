using Das.Sky.Angles;

namespace Das.Sky.Tests.Angles;

public sealed class AngleTests
{
    [Fact]
    public void Units_convert_through_degrees()
    {
        Angle a = Angle.FromHours(1.5);
        Assert.Equal(22.5, a.Degrees, 12);
        Assert.Equal(1.5, a.Hours, 12);
        Assert.Equal(22.5 * 60, a.Arcminutes, 9);
        Assert.Equal(22.5 * 3600, a.Arcseconds, 6);
        Assert.Equal(Math.PI / 8, a.Radians, 12);
        Assert.Equal(22.5, Angle.FromRadians(Math.PI / 8).Degrees, 12);
        Assert.Equal(0.5, Angle.FromArcminutes(30).Degrees, 12);
        Assert.Equal(1, Angle.FromArcseconds(3600).Degrees, 12);
    }

    [Fact]
    public void Wrapping_gives_zero_to_below_360()
    {
        Assert.Equal(350, Angle.FromDegrees(-10).WrapTo360().Degrees, 12);
        Assert.Equal(0, Angle.FromDegrees(720).WrapTo360().Degrees);
        Assert.Equal(0, Angle.FromDegrees(-1e-17).WrapTo360().Degrees);
    }

    [Fact]
    public void Sexagesimal_strings_are_invariant_and_signed()
    {
        Assert.Equal("10:41:00.500", Angle.FromHours(10 + (41 / 60.0) + (0.5 / 3600)).ToHmsString());
        Assert.Equal("-00:30:00.00", Angle.FromDegrees(-0.5).ToDmsString());
        Assert.Equal("41.268611°", Angle.FromDegrees(41.26861111).ToString());
    }

    [Fact]
    public void Comparison_and_arithmetic_work_on_degrees()
    {
        Assert.True(Angle.FromDegrees(1) < Angle.FromArcminutes(61));
        Assert.Equal(Angle.FromDegrees(3), Angle.FromDegrees(1) + Angle.FromDegrees(2));
        Assert.Equal(Angle.FromDegrees(-1), -Angle.FromDegrees(1));
    }
}
