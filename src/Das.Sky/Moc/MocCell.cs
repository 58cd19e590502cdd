namespace Das.Sky.Moc;

/// <summary>One HEALPix NESTED cell of a MOC: an order (0 … 29) and a pixel index at that order.</summary>
/// <param name="Order">HEALPix order, 0 … 29.</param>
/// <param name="Index">NESTED pixel index at <paramref name="Order"/>, 0 … 12·4^order − 1.</param>
public readonly record struct MocCell(int Order, long Index)
{
    /// <summary>Gets the NUNIQ number of the cell (MOC 2.0 §4.2): 4·4^order + index.</summary>
    public long Uniq => (1L << (2 * Order + 2)) + Index;

    /// <summary>Decodes a NUNIQ number.</summary>
    /// <param name="uniq">A NUNIQ number (≥ 4).</param>
    /// <returns>The cell.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The number is below 4 or encodes an order above 29.</exception>
    public static MocCell FromUniq(long uniq)
    {
        if (uniq < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(uniq), uniq, "A NUNIQ number is at least 4.");
        }

        var msb = 63 - long.LeadingZeroCount(uniq);
        var order = (int)(msb / 2) - 1;
        if (order > Healpix.HealpixGrid.MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(uniq), uniq, "The NUNIQ number encodes an order above 29.");
        }

        return new MocCell(order, uniq - (1L << (2 * order + 2)));
    }
}
