using System.Buffers;
using Das.Threading;

namespace Das.Tables.VoTable.Parsing;

/// <summary>
/// A sliding window over the input stream in one pooled byte array: the parsers work on
/// <c>Data[Position..End]</c> and call <see cref="FillAsync"/> when they need more. Tracks lines lazily (newlines
/// are counted when bytes leave the window), the byte cap and stream errors (which end the input, not the read).
/// </summary>
internal sealed class InputBuffer : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _syncReads;
    private readonly long _maxBytes;
    private bool _readFilledRoom;
    private int _linesBefore;          // newlines in the bytes before Data[0]
    private long _lastNewlineBefore = -1; // absolute offset of the last newline before Data[0]

    // A file is read 1 MiB at a time: larger reads (4 MiB was tried) were no faster and cost resident memory. A stream
    // (an archive's answer, mostly a few KB) starts at 16 KiB, and the window doubles up to 1 MiB while reads fill all
    // its room (the input comes faster than it is parsed): a server reads a thousand answers at once, and a window of
    // 1 MiB each (on the large object heap) made its first burst of queries collect gen2.
    private const int FileWindow = 1 << 20;
    private const int StreamWindow = 16 * 1024;
    private const int MaxWindow = 1 << 20;

    // From this many bytes on, a file read and a newline count are split between two threads.
    private const int SplitBytes = 256 * 1024;

    /// <param name="stream">The input.</param>
    /// <param name="syncReads">Read synchronously (files).</param>
    /// <param name="maxBytes">The byte cap, if any.</param>
    public InputBuffer(Stream stream, bool syncReads, long? maxBytes)
    {
        _stream = stream;
        _syncReads = syncReads;
        _maxBytes = maxBytes ?? long.MaxValue;
        Data = ArrayPool<byte>.Shared.Rent(syncReads ? FileWindow : StreamWindow);
    }

    public byte[] Data { get; private set; }

    /// <summary>
    /// Whether large file reads and newline counts may use a second thread (the default). A reader that already
    /// overlaps reading with its own work (inline BINARY from a file feeds ahead) turns it off.
    /// </summary>
    public bool SplitWork { get; set; } = true;

    /// <summary>First unconsumed byte.</summary>
    public int Position { get; set; }

    /// <summary>End of valid bytes.</summary>
    public int End { get; private set; }

    /// <summary>Absolute offset of Data[0] in the document.</summary>
    public long BaseOffset { get; private set; }

    public bool Eof { get; private set; }

    public bool ByteCapReached { get; private set; }

    public Exception? StreamError { get; private set; }

    public long TotalRead { get; private set; }

    public ReadOnlySpan<byte> Available => Data.AsSpan(Position, End - Position);

    public long AbsolutePosition => BaseOffset + Position;

    /// <summary>Reads more bytes (keeping Data[Position..End]); false when no more will come.</summary>
    public ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (Eof)
        {
            return ValueTask.FromResult(false);
        }
        PrepareRoom();
        int room = Data.Length - End;
        if (_maxBytes - TotalRead < room)
        {
            room = (int)(_maxBytes - TotalRead);
        }
        if (room <= 0)
        {
            Eof = true;
            ByteCapReached = true;
            return ValueTask.FromResult(false);
        }
        if (_syncReads)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n;
            try
            {
                n = SplitWork && _stream is FileStream { CanSeek: true } file && room >= SplitBytes
                    ? ReadSplit(file, Data, End, room)
                    : _stream.Read(Data, End, room);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                return ValueTask.FromResult(Failed(ex));
            }
            _readFilledRoom = n == room;
            return ValueTask.FromResult(Advance(n));
        }
        return FillSlowAsync(room, cancellationToken);
    }

    /// <summary>
    /// Reads a file's next bytes as two halves at once. Copying from the page cache is the kernel's work on the
    /// reading thread (about 75 ms of a 577 MB table on one core), and the parser's second thread was idle meanwhile.
    /// </summary>
    private static int ReadSplit(FileStream file, byte[] data, int start, int count)
    {
        var handle = file.SafeFileHandle;
        long offset = file.Position;
        int half = count / 2;
        int first = 0, second = 0;
        ForkJoin.Invoke(
            () => first = ReadFully(handle, data.AsSpan(start, half), offset),
            () => second = ReadFully(handle, data.AsSpan(start + half, count - half), offset + half));
        // A short first half means the file ended there (or changed under us): the second half's bytes do not follow it.
        int n = first == half ? half + second : first;
        file.Position = offset + n;
        return n;
    }

    private static int ReadFully(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (n <= 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    private async ValueTask<bool> FillSlowAsync(int room, CancellationToken cancellationToken)
    {
        int n;
        try
        {
            n = await _stream.ReadAsync(Data.AsMemory(End, room), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Net.Http.HttpRequestException)
        {
            return Failed(ex);
        }
        _readFilledRoom = n == room;
        return Advance(n);
    }

    private bool Failed(Exception ex)
    {
        StreamError = ex;
        Eof = true;
        return false;
    }

    private bool Advance(int n)
    {
        if (n <= 0)
        {
            Eof = true;
            return false;
        }
        End += n;
        TotalRead += n;
        if (TotalRead >= _maxBytes)
        {
            ByteCapReached = true;
            Eof = true;
        }
        return true;
    }

    /// <summary>Moves the unconsumed bytes to the front, or grows the array when they fill it.</summary>
    private void PrepareRoom()
    {
        if (Position > 0 && (End == Data.Length || Position > Data.Length / 2 || End == Position))
        {
            CountLines(Data, Position);
            int keep = End - Position;
            Data.AsSpan(Position, keep).CopyTo(Data);
            BaseOffset += Position;
            Position = 0;
            End = keep;
        }
        if (End == Data.Length || (_readFilledRoom && Data.Length < MaxWindow))
        {
            _readFilledRoom = false;
            var bigger = ArrayPool<byte>.Shared.Rent(Data.Length * 2);
            Data.AsSpan(0, End).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(Data);
            Data = bigger;
        }
    }

    private void CountLines(byte[] data, int length)
    {
        int count;
        if (SplitWork && length >= SplitBytes && Environment.ProcessorCount > 1)
        {
            int half = length / 2, first = 0, second = 0;
            ForkJoin.Invoke(() => first = data.AsSpan(0, half).Count((byte)'\n'), () => second = data.AsSpan(half, length - half).Count((byte)'\n'));
            count = first + second;
        }
        else
        {
            count = data.AsSpan(0, length).Count((byte)'\n');
        }
        var leaving = data.AsSpan(0, length);
        if (count > 0)
        {
            _linesBefore += count;
            _lastNewlineBefore = BaseOffset + leaving.LastIndexOf((byte)'\n');
        }
    }

    /// <summary>1-based line and column of an absolute offset still in (or after the start of) the window.</summary>
    public (int Line, int Column) LineColumn(long absoluteOffset)
    {
        long rel = absoluteOffset - BaseOffset;
        if (rel < 0)
        {
            return (0, 0);
        }
        var span = Data.AsSpan(0, (int)Math.Min(rel, End));
        int line = _linesBefore + span.Count((byte)'\n') + 1;
        int lastInWindow = span.LastIndexOf((byte)'\n');
        long lineStart = lastInWindow >= 0 ? BaseOffset + lastInWindow + 1 : _lastNewlineBefore + 1;
        return (line, (int)(absoluteOffset - lineStart) + 1);
    }

    public void Dispose()
    {
        var data = Data;
        Data = [];
        if (data.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }
}
