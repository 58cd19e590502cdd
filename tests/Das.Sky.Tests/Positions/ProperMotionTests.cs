using System.Text.Json;
using Das.Sky.Positions;

namespace Das.Sky.Tests.Positions;

public sealed class ProperMotionTests
{
    // astropy (ERFA pmsafe) assumes a large distance when none is given; its light-time term moves the fastest
    // fixture stars (up to 166 arcsec of motion) by up to 0.9 mas from straight-line motion. Most agree to 1 µas.
    private const double ToleranceArcsec = 0.002;

    private sealed record Case(double Ra, double Dec, double Pmra, double Pmdec, string From, string To, double RaTo, double DecTo);

    private static readonly Case[] Cases = Load();

    [Fact]
    public void Positions_moved_along_their_proper_motions_agree_with_astropy_apply_space_motion()
    {
        int exact = 0;
        foreach (var c in Cases)
        {
            double years = ProperMotion.ParseEpoch(c.To)!.Value - ProperMotion.ParseEpoch(c.From)!.Value;
            var (ra, dec) = ProperMotion.Propagate(c.Ra, c.Dec, c.Pmra, c.Pmdec, years);
            double sep = new SkyPosition(ra, dec).SeparationTo(new SkyPosition(c.RaTo, c.DecTo)).Degrees * 3600;
            Assert.True(sep <= ToleranceArcsec, $"{c}: {ra}, {dec} is {sep} arcsec from astropy");
            if (sep < 1e-6)
            {
                exact++;
            }
        }
        Assert.True(exact >= Cases.Length / 2, $"only {exact} of {Cases.Length} cases within 1 µas of astropy");
    }

    [Fact]
    public void Moving_every_row_in_place_gives_the_same_positions_as_one_at_a_time()
    {
        double[] ra = [.. Cases.Select(c => c.Ra)], dec = [.. Cases.Select(c => c.Dec)];
        double[] from = [.. Cases.Select(_ => 2016.0)];
        ProperMotion.Propagate(ra, dec, [.. Cases.Select(c => c.Pmra)], [.. Cases.Select(c => c.Pmdec)], from, 2000.0);
        for (int i = 0; i < Cases.Length; i++)
        {
            var one = ProperMotion.Propagate(Cases[i].Ra, Cases[i].Dec, Cases[i].Pmra, Cases[i].Pmdec, -16.0);
            Assert.Equal(one, (ra[i], dec[i]));
        }
    }

    [Fact]
    public void A_row_without_a_motion_or_epoch_keeps_its_position()
    {
        double[] ra = [10.0, 20.0, 30.0], dec = [1.0, 2.0, 3.0];
        ProperMotion.Propagate(ra, dec, [double.NaN, 100.0, 100.0], [0.0, 100.0, double.NaN], [2016.0, double.NaN, 2016.0], 2000.0);
        Assert.Equal([10.0, 20.0, 30.0], ra);
        Assert.Equal([1.0, 2.0, 3.0], dec);
    }

    [Theory]
    [InlineData("J2016.0", 2016.0)]
    [InlineData("2016.5", 2016.5)]
    [InlineData(" j2000 ", 2000.0)]
    [InlineData("B1950", 1949.9997904422999)]
    public void Epochs_are_read_as_Julian_years(string text, double expected) =>
        Assert.Equal(expected, ProperMotion.ParseEpoch(text)!.Value, 1e-9);

    [Theory]
    [InlineData("")]
    [InlineData("J")]
    [InlineData("2016,5")]
    [InlineData("J-20")]
    [InlineData("now")]
    public void Text_that_is_no_epoch_is_refused(string text) => Assert.Null(ProperMotion.ParseEpoch(text));

    private static Case[] Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Positions", "Fixtures", "proper_motion.json")));
        return [.. doc.RootElement.EnumerateArray().Select(e => new Case(
            e.GetProperty("ra").GetDouble(), e.GetProperty("dec").GetDouble(), e.GetProperty("pmra").GetDouble(), e.GetProperty("pmdec").GetDouble(),
            e.GetProperty("from").GetString()!, e.GetProperty("to").GetString()!, e.GetProperty("ra_to").GetDouble(), e.GetProperty("dec_to").GetDouble()))];
    }
}
