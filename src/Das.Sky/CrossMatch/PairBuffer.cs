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

    /// <summary>Orders pairs [from, Count) by separation, then B row (insertion sort: one A row has few pairs).</summary>
    public void SortTail(int from)
    {
        for (int i = from + 1; i < Count; i++)
        {
            int a = _a[i], b = _b[i];
            double s = _sep[i];
            int j = i - 1;
            while (j >= from && (_sep[j] > s || (_sep[j] == s && _b[j] > b)))
            {
                _a[j + 1] = _a[j];
                _b[j + 1] = _b[j];
                _sep[j + 1] = _sep[j];
                j--;
            }
            _a[j + 1] = a;
            _b[j + 1] = b;
            _sep[j + 1] = s;
        }
    }

    public void CopyTo(int[] a, int[] b, double[] sep, int at)
    {
        Array.Copy(_a, 0, a, at, Count);
        Array.Copy(_b, 0, b, at, Count);
        Array.Copy(_sep, 0, sep, at, Count);
    }
}
