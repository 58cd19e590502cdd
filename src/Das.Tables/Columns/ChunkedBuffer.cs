using System.Runtime.CompilerServices;

namespace Das.Tables.Columns;

/// <summary>
/// An append-only list stored in fixed-size chunks. Readers do not know a table's length in advance; growing by
/// chunks instead of doubling one array keeps peak memory within one chunk of the data and never copies it.
/// </summary>
internal sealed class ChunkedBuffer<T>
{
    internal const int ChunkShift = 16;
    internal const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private T[][] _chunks = new T[4][];
    private int _chunkCount;
    private T[] _current = [];
    private int _currentUsed = ChunkSize;

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (_currentUsed == ChunkSize)
        {
            NewChunk();
        }
        _current[_currentUsed++] = value;
        Count++;
    }

    /// <summary>Appends many values, filling the current chunk and starting new ones as needed.</summary>
    public void AddRange(ReadOnlySpan<T> values)
    {
        while (!values.IsEmpty)
        {
            if (_currentUsed == ChunkSize)
            {
                NewChunk();
            }
            int n = Math.Min(values.Length, ChunkSize - _currentUsed);
            values[..n].CopyTo(_current.AsSpan(_currentUsed));
            _currentUsed += n;
            Count += n;
            values = values[n..];
        }
    }

    public T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowIndex(index);
            }
            return _chunks[index >> ChunkShift][index & ChunkMask];
        }
        set
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowIndex(index);
            }
            _chunks[index >> ChunkShift][index & ChunkMask] = value;
        }
    }

    /// <summary>Copies values starting at <paramref name="start"/> into <paramref name="destination"/>, filling it.</summary>
    public void CopyTo(int start, Span<T> destination)
    {
        int count = destination.Length;
        if ((uint)start > (uint)Count || (uint)count > (uint)(Count - start))
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"range {start}+{count} exceeds {Count} values");
        }
        while (count > 0)
        {
            int chunk = start >> ChunkShift, offset = start & ChunkMask;
            int n = Math.Min(count, ChunkSize - offset);
            _chunks[chunk].AsSpan(offset, n).CopyTo(destination);
            destination = destination[n..];
            start += n;
            count -= n;
        }
    }

    /// <summary>The filled part of each chunk, in order: for fast sequential scans.</summary>
    public IEnumerable<ReadOnlyMemory<T>> Chunks()
    {
        for (int i = 0; i < _chunkCount; i++)
        {
            int used = i == _chunkCount - 1 ? _currentUsed : ChunkSize;
            yield return new ReadOnlyMemory<T>(_chunks[i], 0, used);
        }
    }

    /// <summary>Bytes held (capacity, not count): what the buffer costs in memory.</summary>
    public long AllocatedBytes => (long)_chunkCount * ChunkSize * Unsafe.SizeOf<T>();

    private void NewChunk()
    {
        if (_chunkCount == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }
        _current = GC.AllocateUninitializedArray<T>(ChunkSize);
        _chunks[_chunkCount++] = _current;
        _currentUsed = 0;
    }

    private void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), $"row {index} is outside 0..{Count - 1}");
}
