namespace Das.Sky.CrossMatch;

/// <summary>
/// The positions of one catalogue for <see cref="SkyCrossMatcher"/>: RA and Dec in degrees, either two arrays or the
/// chunks a column store already holds (read in place, never copied, when this catalogue is the one streamed).
/// </summary>
public sealed class SkyPositions
{
    private SkyPositions(IReadOnlyList<ReadOnlyMemory<double>> ra, IReadOnlyList<ReadOnlyMemory<double>> dec, int count)
    {
        Ra = ra;
        Dec = dec;
        Count = count;
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    internal IReadOnlyList<ReadOnlyMemory<double>> Ra { get; }

    internal IReadOnlyList<ReadOnlyMemory<double>> Dec { get; }

    /// <summary>Positions from two arrays of the same length (not copied).</summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static SkyPositions FromArrays(double[] ra, double[] dec)
    {
        ArgumentNullException.ThrowIfNull(ra);
        ArgumentNullException.ThrowIfNull(dec);
        if (ra.Length != dec.Length)
        {
            throw new ArgumentException("RA and Dec must have the same length.", nameof(dec));
        }
        return new SkyPositions([ra], [dec], ra.Length);
    }

    /// <summary>
    /// Positions from chunks, row order being chunk order; RA and Dec chunks pair up one to one with equal lengths
    /// (as two columns of one table stored in the same chunk layout do). Null when they do not pair up.
    /// </summary>
    public static SkyPositions? FromChunks(IEnumerable<ReadOnlyMemory<double>> ra, IEnumerable<ReadOnlyMemory<double>> dec)
    {
        ArgumentNullException.ThrowIfNull(ra);
        ArgumentNullException.ThrowIfNull(dec);
        List<ReadOnlyMemory<double>> r = [.. ra], d = [.. dec];
        if (r.Count != d.Count)
        {
            return null;
        }
        long count = 0;
        for (int i = 0; i < r.Count; i++)
        {
            if (r[i].Length != d[i].Length)
            {
                return null;
            }
            count += r[i].Length;
        }
        return count > int.MaxValue ? null : new SkyPositions(r, d, (int)count);
    }
}
