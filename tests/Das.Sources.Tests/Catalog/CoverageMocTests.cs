using Das.Sources.Catalog;

namespace Das.Sources.Tests.Catalog;

public sealed class CoverageMocTests
{
    [Theory]
    [InlineData(10.0, -39.0)]
    [InlineData(200.0, 0.0)]
    [InlineData(359.9, 89.9)]
    [InlineData(0.0, 90.0)]
    public void A_declination_band_contains_positions_inside_it(double ra, double dec)
    {
        Assert.True(CoverageMoc.DeclinationBand(-40, 90).Contains(ra, dec));
    }

    [Theory]
    [InlineData(10.0, -45.0)]
    [InlineData(200.0, -60.0)]
    [InlineData(300.0, -89.0)]
    public void A_declination_band_leaves_out_positions_well_outside_it(double ra, double dec)
    {
        Assert.False(CoverageMoc.DeclinationBand(-40, 90).Contains(ra, dec));
    }

    [Fact]
    public void A_band_may_keep_a_position_just_outside_but_never_refuses_one_just_inside()
    {
        // The band is made of whole order-6 cells (0.92 deg): the edge is generous, never stingy.
        var band = CoverageMoc.DeclinationBand(-30, 90);
        for (double ra = 0; ra < 360; ra += 0.5)
        {
            Assert.True(band.Contains(ra, -29.99), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RA {ra}"));
        }
        Assert.False(band.Contains(120, -32.5));
    }

    [Fact]
    public void A_southern_band_excludes_the_north()
    {
        var band = CoverageMoc.DeclinationBand(-90, 16);
        Assert.True(band.Contains(334.02, -7.8988));
        Assert.True(band.Contains(10, -89.5));
        Assert.False(band.Contains(10, 30));
    }

    [Theory]
    [InlineData(-91.0, 0.0)]
    [InlineData(0.0, 91.0)]
    [InlineData(10.0, 10.0)]
    public void A_band_outside_the_sky_or_empty_is_refused(double min, double max)
    {
        Assert.False(CoverageMoc.TryCreate(new SourceCoverage { DecMin = min, DecMax = max }, out _, out var error));
        Assert.Contains("declination band", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_MOC_and_a_band_together_are_refused()
    {
        Assert.False(CoverageMoc.TryCreate(new SourceCoverage { Moc = "3/1-5", DecMin = 0 }, out _, out var error));
        Assert.Equal("coverage: give either 'moc' or a declination band, not both", error);
    }

    [Theory]
    [InlineData("nvss", 160.25, 41.27, true)]
    [InlineData("nvss", 83.8, -69.3, false)]
    [InlineData("ps1-dr2", 334.02, -7.8988, true)]
    [InlineData("ps1-dr2", 83.8, -69.3, false)]
    [InlineData("skymapper-dr4", 83.8, -69.3, true)]
    [InlineData("skymapper-dr4", 160.25, 41.27, false)]
    [InlineData("racs-low", 160.25, 41.27, false)]
    [InlineData("vhs-dr5", 160.25, 41.27, false)]
    [InlineData("des-dr2", 160.25, 41.27, false)]
    [InlineData("decaps-dr2", 266.4168, -29.0078, true)]
    [InlineData("decaps-dr2", 160.25, 41.27, false)]
    public async Task Default_sources_are_pruned_by_their_footprint(string id, double ra, double dec, bool asked)
    {
        await using var harness = new SourceHarness();
        var coverage = harness.Defaults.Find(id)!.Descriptor.Coverage;
        Assert.NotNull(coverage);
        Assert.Equal(asked, coverage.OverlapsCone(ra, dec, 1 / 60.0));
    }
}
