using Das.Sky.Angles;
using Das.Sky.Positions;
using Das.Sky.Tests.Fixtures;

namespace Das.Sky.Tests.Positions;

public sealed class SkyPositionTests
{
    [Fact]
    public void Separation_and_position_angle_agree_with_astropy()
    {
        foreach (SeparationRow row in Truth.Separations.Pairs)
        {
            var a = new SkyPosition(row.Ra1, row.Dec1);
            var b = new SkyPosition(row.Ra2, row.Dec2);
            double sep = a.SeparationTo(b).Degrees;
            Assert.True(Math.Abs(sep - row.Separation) <= Truth.Mas / 1000, $"{a} → {b}: {sep} vs {row.Separation}");

            // A position angle is ill-conditioned for coincident and antipodal points; compare it by the displacement
            // a PA error makes at the other point (sin(separation) × error), which must stay below 1 mas.
            double pa = a.PositionAngleTo(b).Degrees;
            double paDiff = Math.Abs(((pa - row.PositionAngle + 540) % 360) - 180);
            double displacement = paDiff * Math.Sin(Math.Min(sep, 179.999999) * Math.PI / 180);
            Assert.True(displacement <= Truth.Mas, $"{a} → {b}: PA {pa} vs {row.PositionAngle}");
        }
    }

    [Fact]
    public void Offsets_agree_with_astropy_directional_offset_by()
    {
        foreach (OffsetRow row in Truth.Offsets.Offsets)
        {
            var start = new SkyPosition(row.Ra, row.Dec);
            SkyPosition end = start.Offset(Angle.FromDegrees(row.Separation), Angle.FromDegrees(row.PositionAngle));
            double distance = Truth.Distance(row.Ra2, row.Dec2, end);
            Assert.True(distance <= Truth.Mas, $"{start} by {row.Separation}° at {row.PositionAngle}°: {end} is {distance * 3.6e6:F3} mas from astropy");
        }
    }

    [Fact]
    public void Offset_then_separation_round_trips()
    {
        var start = new SkyPosition(160.25, 41.27);
        SkyPosition end = start.Offset(Angle.FromArcseconds(30), Angle.FromDegrees(45));
        Assert.Equal(30, start.SeparationTo(end).Arcseconds, 9);
        Assert.Equal(45, start.PositionAngleTo(end).Degrees, 6);
    }

    [Fact]
    public void Separation_of_nearby_points_keeps_microarcsecond_precision()
    {
        var a = new SkyPosition(10, 20);
        var b = new SkyPosition(10, 20 + (1e-6 / 3600));
        // The input itself is quantised to ~1e-11″ at Dec 20° (one ulp of 20), so ask for 1e-11″.
        Assert.Equal(1e-6, a.SeparationTo(b).Arcseconds, 11);
    }

    [Fact]
    public void Position_angle_is_east_of_north()
    {
        var origin = new SkyPosition(10, 0);
        Assert.Equal(0, origin.PositionAngleTo(new SkyPosition(10, 1)).Degrees, 9);
        Assert.Equal(90, origin.PositionAngleTo(new SkyPosition(11, 0)).Degrees, 9);
        Assert.Equal(180, origin.PositionAngleTo(new SkyPosition(10, -1)).Degrees, 9);
        Assert.Equal(270, origin.PositionAngleTo(new SkyPosition(9, 0)).Degrees, 9);
    }

    [Fact]
    public void Ra_is_wrapped_and_dec_outside_90_is_refused()
    {
        Assert.Equal(10, new SkyPosition(370, 0).Ra, 12);
        Assert.Equal(350, new SkyPosition(-10, 0).Ra, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkyPosition(0, 90.0001));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkyPosition(double.NaN, 0));
    }

    [Fact]
    public void Decimal_format_has_six_decimals_and_a_sign_on_dec()
    {
        Assert.Equal("160.252083 +41.268611", new SkyPosition(160.25208333333333, 41.26861111111111).ToString());
        Assert.Equal("0.000000 -7.500000", new SkyPosition(0, -7.5).ToString());
        Assert.Equal("0.000000 +0.000000", new SkyPosition(359.9999999, -0.0000001).ToString());
    }

    [Fact]
    public void Sexagesimal_format_matches_the_brief_example()
    {
        var p = new SkyPosition(160.25208333333333, 41.26861111111111);
        Assert.Equal("10:41:00.500 +41:16:07.00", p.ToString(PositionFormat.Sexagesimal));
        Assert.Equal("10:41:00.5 +41:16:07", p.ToString(PositionFormat.Sexagesimal, 0));
    }

    [Theory]
    [InlineData(15 * (10 + (40 / 60.0) + (59.99996 / 3600)), 0, "10:41:00.000 +00:00:00.00")]
    [InlineData(15 * (23 + (59 / 60.0) + (59.99996 / 3600)), 0, "00:00:00.000 +00:00:00.00")]
    [InlineData(0, 41 + (15 / 60.0) + (59.9999 / 3600), "00:00:00.000 +41:16:00.00")]
    [InlineData(0, -(1 + (59 / 60.0) + (59.996 / 3600)), "00:00:00.000 -02:00:00.00")]
    [InlineData(0, 89.99999999, "00:00:00.000 +90:00:00.00")]
    [InlineData(0, -0.000000001, "00:00:00.000 +00:00:00.00")]
    public void Sexagesimal_rounding_carries_into_minutes_hours_and_wraps_24h(double ra, double dec, string expected)
    {
        Assert.Equal(expected, new SkyPosition(ra, dec).ToString(PositionFormat.Sexagesimal));
    }

    [Fact]
    public void Formatting_agrees_with_astropy_to_string()
    {
        foreach (FormatRow row in Truth.Formats.Positions)
        {
            var p = new SkyPosition(row.Ra, row.Dec);
            Assert.Equal(row.Sexagesimal, p.ToString(PositionFormat.Sexagesimal));
            Assert.Equal(row.Decimal, p.ToString());
        }
    }
}
