using System.Runtime.CompilerServices;

namespace Das.Tables.Columns;

/// <summary>
/// An append-only list stored in chunks. Readers do not know a table's length in advance; growing by chunks
/// instead of doubling one array keeps peak memory within one chunk of the data and never copies it.
/// The first <see cref="SmallChunks"/> chunks hold <see cref="ChunkSize"/> values each, so a short table stays small;
/// the very first one starts at <see cref="FirstCapacity"/> values and doubles up to <see cref="ChunkSize"/> (the only
/// copying, of at most one small chunk), because most archive answers have tens of rows and a server reads thousands
/// of them at once: a full 64 K chunk per column of a 5-row cone search went to the large object heap and cost a
/// gen-2 collection every few hundred answers.
/// after them every chunk is 8 MiB, large enough for the kernel to back with huge pages (<see cref="HugePages"/>),
/// which saves most of the page faults of filling a large table.
/// </summary>
internal sealed class ChunkedBuffer<T>
    where T : unmanaged
{
    internal const int ChunkShift = 16;
    internal const int ChunkSize = 1 << ChunkShift;
    internal const int SmallChunks = 4;
    internal const int SmallCapacity = SmallChunks * ChunkSize;
    internal const int FirstCapacity = 64;
    private const int ChunkMask = ChunkSize - 1;
    private const int BigChunkBytes = 8 << 20;

    /// <summary>Values in one large chunk (8 MiB of them): a power of two.</summary>
    internal static readonly int BigShift = ChunkShift + Math.Max(0, System.Numerics.BitOperations.Log2((uint)(BigChunkBytes / ChunkSize / Unsafe.SizeOf<T>())));
    internal static readonly int BigSize = 1 << BigShift;
    private static readonly int BigMask = BigSize - 1;

    private T[][] _chunks = new T[8][];
    private int _chunkCount;
    private T[] _current = [];
    private int _currentUsed;
    private int _reusable; // chunks kept by Clear, filled again before any new one is allocated

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (_currentUsed == _current.Length)
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
            if (_currentUsed == _current.Length)
            {
                NewChunk();
            }
            int n = Math.Min(values.Length, _current.Length - _currentUsed);
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
            return At(index);
        }
        set
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowIndex(index);
            }
            At(index) = value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref T At(int index)
    {
        if (index < SmallCapacity)
        {
            return ref _chunks[index >> ChunkShift][index & ChunkMask];
        }
        int rel = index - SmallCapacity;
        return ref _chunks[SmallChunks + (rel >> BigShift)][rel & BigMask];
    }

    private static (int Chunk, int Offset) Locate(int index) => index < SmallCapacity
        ? (index >> ChunkShift, index & ChunkMask)
        : (SmallChunks + ((index - SmallCapacity) >> BigShift), (index - SmallCapacity) & BigMask);

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
            var (chunk, offset) = Locate(start);
            var source = _chunks[chunk];
            int n = Math.Min(count, source.Length - offset);
            source.AsSpan(offset, n).CopyTo(destination);
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
            int used = i == _chunkCount - 1 ? _currentUsed : _chunks[i].Length;
            yield return new ReadOnlyMemory<T>(_chunks[i], 0, used);
        }
    }

    /// <summary>Bytes held (capacity, not count): what the buffer costs in memory, at most.</summary>
    public long AllocatedBytes
    {
        get
        {
            long elements = 0;
            for (int i = 0; i < Math.Max(_chunkCount, _reusable); i++)
            {
                elements += _chunks[i].Length;
            }
            return elements * Unsafe.SizeOf<T>();
        }
    }

    /// <summary>Empties the buffer and keeps its chunks, which the next values fill again (no allocation).</summary>
    public void Clear()
    {
        _reusable = Math.Max(_reusable, _chunkCount);
        _chunkCount = 0;
        _current = [];
        _currentUsed = 0;
        Count = 0;
    }

    /// <summary>Bytes of the values themselves (count, not capacity).</summary>
    public long UsedBytes => (long)Count * Unsafe.SizeOf<T>();

    private void NewChunk()
    {
        if (_chunkCount < _reusable)
        {
            // A chunk kept by Clear: its capacity suits its place (chunk 0 grows on as below when it is short).
            _current = _chunks[_chunkCount++];
            _currentUsed = 0;
            return;
        }
        if (_chunkCount == 1 && _current.Length < ChunkSize)
        {
            // Still growing the first chunk: indexes below ChunkSize live in chunk 0 whatever its capacity.
            Array.Resize(ref _current, Math.Min(ChunkSize, _current.Length * 2));
            _chunks[0] = _current;
            return;
        }
        if (_chunkCount == 0)
        {
            _current = new T[FirstCapacity];
            _chunks[_chunkCount++] = _current;
            _currentUsed = 0;
            return;
        }
        if (_chunkCount == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }
        bool big = _chunkCount >= SmallChunks;
        _current = GC.AllocateUninitializedArray<T>(big ? BigSize : ChunkSize);
        if (big)
        {
            HugePages.Advise(_current);
        }
        _chunks[_chunkCount++] = _current;
        _currentUsed = 0;
    }

    private void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), $"row {index} is outside 0..{Count - 1}");
}
