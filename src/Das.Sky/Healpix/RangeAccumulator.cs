namespace Das.Sky.Healpix;

/// <summary>
/// Collects half-open pixel ranges and normalises them to sorted, disjoint, non-adjacent runs. Appending in
/// ascending order (what the NESTED descent produces) merges on the fly; anything else is sorted once at the end.
/// </summary>
internal sealed class RangeAccumulator
{
    private long[] _data;
    private int _length;
    private bool _sorted = true;

    public RangeAccumulator(int capacity = 16)
    {
        _data = new long[Math.Max(2, capacity * 2)];
    }

    public int RangeCount
    {
        get
        {
            Normalise();
            return _length / 2;
        }
    }

    public void Add(long start, long end)
    {
        if (end <= start)
        {
            return;
        }

        if (_length > 0)
        {
            var lastEnd = _data[_length - 1];
            if (start >= _data[_length - 2] && start <= lastEnd)
            {
                _data[_length - 1] = Math.Max(lastEnd, end);
                return;
            }

            if (start < lastEnd)
            {
                _sorted = false;
            }
        }

        if (_length + 2 > _data.Length)
        {
            Array.Resize(ref _data, _data.Length * 2);
        }

        _data[_length++] = start;
        _data[_length++] = end;
    }

    /// <summary>The normalised ranges as a flat array <c>[s0, e0, s1, e1, …]</c>.</summary>
    public long[] ToFlatArray()
    {
        Normalise();
        return _data.AsSpan(0, _length).ToArray();
    }

    public PixelRange[] ToRanges()
    {
        Normalise();
        var result = new PixelRange[_length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new PixelRange(_data[2 * i], _data[(2 * i) + 1]);
        }

        return result;
    }

    public long[] ToPixels()
    {
        Normalise();
        long total = 0;
        for (var i = 0; i < _length; i += 2)
        {
            total += _data[i + 1] - _data[i];
        }

        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"The query covers {total} pixels, too many for a pixel list; ask for ranges instead.");
        }

        var result = new long[total];
        var k = 0;
        for (var i = 0; i < _length; i += 2)
        {
            for (var p = _data[i]; p < _data[i + 1]; p++)
            {
                result[k++] = p;
            }
        }

        return result;
    }

    private void Normalise()
    {
        if (_sorted)
        {
            return;
        }

        var n = _length / 2;
        var pairs = new (long Start, long End)[n];
        for (var i = 0; i < n; i++)
        {
            pairs[i] = (_data[2 * i], _data[(2 * i) + 1]);
        }

        Array.Sort(pairs, static (a, b) => a.Start.CompareTo(b.Start));
        _length = 0;
        _sorted = true;
        foreach (var (s, e) in pairs)
        {
            Add(s, e);
        }
    }
}
