namespace Das.Tables.Columns;

/// <summary>
/// Variable-length segments (strings, variable arrays) packed into large blocks, addressed by (start, length).
/// One array allocation per block instead of one per cell keeps a million short strings cheap to read and hold.
/// The first blocks hold 1 Mi elements; later ones 8 MiB, which the kernel can back with huge pages (<see cref="HugePages"/>).
/// The very first block starts at <see cref="FirstBlockSize"/> elements and doubles up to a full block: a server reads
/// thousands of short answers at once, and 2 MB per string column of a 5-row answer filled the large object heap.
/// </summary>
internal sealed class SegmentBuffer<T>
    where T : unmanaged
{
    private const int BlockShift = 20;                 // 1 Mi elements per block
    private const int BlockSize = 1 << BlockShift;
    private const int SmallBlocks = 2;
    internal const int FirstBlockSize = 4096;
    private static readonly int BigBlockSize = Math.Max(BlockSize, (8 << 20) / System.Runtime.CompilerServices.Unsafe.SizeOf<T>());

    private readonly List<T[]> _blocks = [];
    private readonly ChunkedBuffer<long> _starts = new(); // block index << 32 | offset in block
    private readonly ChunkedBuffer<int> _lengths = new();
    private T[] _current = [];
    private int _used;

    public int Count => _lengths.Count;

    public void Add(ReadOnlySpan<T> segment)
    {
        if (segment.Length > _current.Length - _used)
        {
            NewBlock(segment.Length);
        }
        segment.CopyTo(_current.AsSpan(_used));
        _starts.Add(((long)(_blocks.Count - 1) << 32) | (uint)_used);
        _lengths.Add(segment.Length);
        _used += segment.Length;
    }

    /// <summary>Starts a segment to be written in place (avoids a copy for decoders); commit with <see cref="Commit"/>.</summary>
    public Span<T> Reserve(int maxLength)
    {
        if (maxLength > _current.Length - _used)
        {
            NewBlock(maxLength);
        }
        return _current.AsSpan(_used, maxLength);
    }

    /// <summary>Commits the first <paramref name="length"/> elements of the last <see cref="Reserve"/>d span.</summary>
    public void Commit(int length)
    {
        _starts.Add(((long)(_blocks.Count - 1) << 32) | (uint)_used);
        _lengths.Add(length);
        _used += length;
    }

    private void NewBlock(int atLeast)
    {
        if (_blocks.Count == 1 && _current.Length < BlockSize)
        {
            // Growing the first block in place keeps every (block 0, offset) address valid.
            Array.Resize(ref _current, Math.Max(Math.Min(BlockSize, _current.Length * 2), _used + atLeast));
            _blocks[0] = _current;
            return;
        }
        if (_blocks.Count == 0)
        {
            _current = new T[Math.Max(FirstBlockSize, atLeast)];
            _blocks.Add(_current);
            _used = 0;
            return;
        }
        bool big = _blocks.Count >= SmallBlocks;
        _current = GC.AllocateUninitializedArray<T>(Math.Max(big ? BigBlockSize : BlockSize, atLeast));
        if (big)
        {
            HugePages.Advise(_current);
        }
        _blocks.Add(_current);
        _used = 0;
    }

    public ReadOnlySpan<T> this[int index]
    {
        get
        {
            long start = _starts[index];
            int length = _lengths[index];
            if (length == 0)
            {
                return [];
            }
            return _blocks[(int)(start >> 32)].AsSpan((int)(uint)start, length);
        }
    }

    /// <summary>Bytes of the segments and their offsets and lengths (count, not capacity).</summary>
    public long UsedBytes
    {
        get
        {
            long elements = 0;
            for (int i = 0; i < _blocks.Count - 1; i++)
            {
                elements += _blocks[i].Length;
            }
            return (elements + _used) * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + _starts.UsedBytes + _lengths.UsedBytes;
        }
    }

    public long AllocatedBytes
    {
        get
        {
            long bytes = _starts.AllocatedBytes + _lengths.AllocatedBytes;
            foreach (var block in _blocks)
            {
                bytes += (long)block.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            }
            return bytes;
        }
    }
}
