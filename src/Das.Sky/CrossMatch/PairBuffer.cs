namespace Das.Sky.CrossMatch;

/// <summary>
/// Growable pair storage (two rows and a separation, in arcsec or radians as its user decides), one per block of
/// streamed rows, so parallel workers never share a buffer.
/// </summary>
internal sealed class PairBuffer
{
    private int[] _a = new int[64];
    private int[] _b = new int[64];
    private double[] _sep = new double[64];

    public int Count { get; private set; }

    public void Add(int rowA, int rowB, double separation)
    {
        if (Count == _a.Length)
        {
            Array.Resize(ref _a, _a.Length * 2);
            Array.Resize(ref _b, _b.Length * 2);
            Array.Resize(ref _sep, _sep.Length * 2);
        }
        _a[Count] = rowA;
        _b[Count] = rowB;
        _sep[Count] = separation;
        Count++;
    }

    /// <summary>The pair at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public (int A, int B, double Separation) this[int index] => (_a[index], _b[index], _sep[index]);

    public void CopyTo(int[] a, int[] b, double[] sep, int at)
    {
        Array.Copy(_a, 0, a, at, Count);
        Array.Copy(_b, 0, b, at, Count);
        Array.Copy(_sep, 0, sep, at, Count);
    }
}
