namespace Das.Sky.CrossMatch;

/// <summary>
/// The pairs a cross-match found: row indices into A and B and the great-circle separation of each pair in arcsec,
/// ordered by A row, then by separation, then by B row, so the same inputs always give the same order.
/// </summary>
public sealed class CrossMatchResult
{
    private readonly int[] _rowsA;
    private readonly int[] _rowsB;
    private readonly double[] _separations;

    internal CrossMatchResult(int[] rowsA, int[] rowsB, double[] separationsArcsec)
    {
        _rowsA = rowsA;
        _rowsB = rowsB;
        _separations = separationsArcsec;
    }

    /// <summary>A result with no pairs.</summary>
    public static CrossMatchResult Empty { get; } = new([], [], []);

    /// <summary>Number of pairs.</summary>
    public int Count => _rowsA.Length;

    /// <summary>Row of A in each pair.</summary>
    public ReadOnlySpan<int> RowsA => _rowsA;

    /// <summary>Row of B in each pair.</summary>
    public ReadOnlySpan<int> RowsB => _rowsB;

    /// <summary>Separation of each pair in arcsec.</summary>
    public ReadOnlySpan<double> SeparationsArcsec => _separations;

    /// <summary>The same pairs, in the same order, with B's rows renumbered (B's matched rows were kept in a table of their own).</summary>
    /// <param name="rowsB">The new B row of each pair.</param>
    /// <exception cref="ArgumentException">Not one row per pair.</exception>
    public CrossMatchResult WithRowsB(int[] rowsB)
    {
        ArgumentNullException.ThrowIfNull(rowsB);
        if (rowsB.Length != Count)
        {
            throw new ArgumentException("One B row per pair is needed.", nameof(rowsB));
        }
        return new CrossMatchResult(_rowsA, rowsB, _separations);
    }

    /// <summary>Number of distinct A rows that have at least one pair.</summary>
    public int MatchedRowsA()
    {
        int distinct = 0;
        for (int i = 0; i < _rowsA.Length; i++)
        {
            // Pairs are grouped by A row, so a new row starts wherever the row changes.
            if (i == 0 || _rowsA[i] != _rowsA[i - 1])
            {
                distinct++;
            }
        }
        return distinct;
    }
}
