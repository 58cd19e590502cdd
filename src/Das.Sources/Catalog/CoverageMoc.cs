using Das.Sky.Healpix;
using Das.Sky.Moc;

namespace Das.Sources.Catalog;

/// <summary>A source's coverage as a MOC: parsed from ASCII, or made from a declination band.</summary>
internal static class CoverageMoc
{
    // Order 6 cells are 0.92° across: fine enough for survey footprints given as declination limits.
    private const int BandOrder = 6;
    private const double CellDeg = 0.92;

    public static bool TryCreate(SourceCoverage coverage, out Moc? moc, out string? error)
    {
        moc = null;
        error = null;
        if (coverage.Moc is { } text)
        {
            if (coverage.DecMin is not null || coverage.DecMax is not null)
            {
                error = "coverage: give either 'moc' or a declination band, not both";
                return false;
            }
            if (!Moc.TryParseAscii(text, out moc, out var mocError))
            {
                error = "coverage.moc: " + mocError.Message;
                return false;
            }
            return true;
        }
        double min = coverage.DecMin ?? -90, max = coverage.DecMax ?? 90;
        if (!(min >= -90 && max <= 90 && min < max))
        {
            error = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"coverage: the declination band [{min}, {max}] must lie within [-90, 90] with decMin < decMax");
            return false;
        }
        moc = DeclinationBand(min, max);
        return true;
    }

    /// <summary>
    /// Every cell that may touch the band (a cell is kept when its centre lies within one cell size of it), so a
    /// position inside the band is never refused; at worst a position just outside is asked anyway.
    /// </summary>
    public static Moc DeclinationBand(double decMin, double decMax)
    {
        long cells = 12L << (2 * BandOrder);
        var kept = new List<MocCell>();
        for (long pixel = 0; pixel < cells; pixel++)
        {
            var (_, dec) = HealpixGrid.Pix2Ang(BandOrder, pixel, HealpixScheme.Nested);
            if (dec >= decMin - CellDeg && dec <= decMax + CellDeg)
            {
                kept.Add(new MocCell(BandOrder, pixel));
            }
        }
        return Moc.FromCells(kept, BandOrder);
    }
}
