namespace Das.Tables.Columns;

/// <summary>
/// One bit per row, set where the cell is null. Allocated on the first null, so a column without nulls costs nothing.
/// </summary>
internal sealed class NullMask
{
    private ulong[]? _bits;

    public bool Any => _bits is not null;

    public int NullCount { get; private set; }

    public void Set(int row)
    {
        int word = row >> 6;
        if (_bits is null)
        {
            _bits = new ulong[Math.Max(16, word + 1)];
        }
        else if (word >= _bits.Length)
        {
            Array.Resize(ref _bits, Math.Max(_bits.Length * 2, word + 1));
        }
        ulong bit = 1UL << (row & 63);
        if ((_bits[word] & bit) == 0)
        {
            _bits[word] |= bit;
            NullCount++;
        }
    }

    public bool IsSet(int row)
    {
        int word = row >> 6;
        return _bits is not null && word < _bits.Length && (_bits[word] & (1UL << (row & 63))) != 0;
    }

    /// <summary>No null rows any more; the bits are kept for reuse.</summary>
    public void Clear()
    {
        if (_bits is not null && NullCount > 0)
        {
            Array.Clear(_bits);
        }
        NullCount = 0;
    }

    public long AllocatedBytes => (_bits?.Length ?? 0) * 8L;
}
