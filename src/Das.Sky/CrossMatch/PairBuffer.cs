namespace Das.Sky.CrossMatch;

/// <summary>Growable pair storage, one per chunk of A rows, so parallel workers never share a buffer.</summary>
internal sealed class PairBuffer
{
    private int[] _a = new int[64];
    private int[] _b = new int[64];
    private double[] _sep = new double[64];

    public int Count { get; private set; }

    public void Add(int rowA, int rowB, double separationArcsec)
    {
        if (Count == _a.Length)
        {
            Array.Resize(ref _a, _a.Length * 2);
            Array.Resize(ref _b, _b.Length * 2);
            Array.Resize(ref _sep, _sep.Length * 2);
        }
        _a[Count] = rowA;
        _b[Count] = rowB;
        _sep[Count] = separationArcsec;
        Count++;
    }

    public void CopyTo(int[] a, int[] b, double[] sep, int at)
    {
        Array.Copy(_a, 0, a, at, Count);
        Array.Copy(_b, 0, b, at, Count);
        Array.Copy(_sep, 0, sep, at, Count);
    }
}
