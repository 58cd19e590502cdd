using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.VoTable.Diagnostics;
using Das.Threading;

namespace Das.Tables.VoTable.Parsing;

/// <summary>
/// Decodes BINARY or BINARY2 rows from a <see cref="BinaryFeed"/> into the columns. Rows are decoded only when
/// complete in the buffer, so a stream cut inside a row leaves every column the same length.
/// </summary>
internal sealed class BinaryDataReader
{
    private readonly ColumnSlot[] _slots;
    private readonly bool _binary2;
    private readonly int _maskBytes;
    private readonly int _fixedRowBytes; // -1 when a cell has a variable length
    private readonly DiagnosticSink _sink;
    private readonly long _maxRows;
    private byte[] _buffer;
    private int _start, _end;
    private long _consumedBefore; // decoded-stream offset of _buffer[0]

    private const int BatchBytes = 256 * 1024;
    private const int MaxGrownBytes = 1 << 20;
    private bool _readFilledRoom;
    private byte[]? _spare; // the second buffer of a read that feeds ahead

    private readonly bool _parallel;
    private readonly int[] _byCost;
    private int[] _rowStarts = new int[64];         // doubled as rows come: most answers are small
    private int[] _aheadRowStarts = new int[64];    // the next batch's, found while this one is decoded
    private int[] _aheadCellOffsets = [];
    private RowIndex _ahead;
    private readonly int _stride;                  // cell offsets per row: one per column and the row's length
    private int[] _cellOffsets = [];               // per row, where each cell starts (relative to the row), when rows vary
    private readonly int[]? _fixedOffsets;         // where each cell starts when every row has the same layout
    private readonly RowBatcher? _batcher;

    public BinaryDataReader(ColumnSlot[] slots, bool binary2, DiagnosticSink sink, long? maxRows, int bufferSize, bool parallel, RowBatcher? batcher = null)
    {
        _batcher = batcher;
        _parallel = parallel && Environment.ProcessorCount > 1 && slots.Length > 1;
        // The costliest columns first: two threads take columns one at a time, so the last ones taken are short.
        _byCost = [.. slots.OrderByDescending(s => s.Cost).Select(s => s.Index)];
        _slots = slots;
        _binary2 = binary2;
        _maskBytes = binary2 ? (slots.Length + 7) / 8 : 0;
        _sink = sink;
        _maxRows = maxRows ?? long.MaxValue;
        int fixedBytes = _maskBytes;
        foreach (var slot in slots)
        {
            if (slot.BinaryFixedBytes < 0)
            {
                fixedBytes = -1;
                break;
            }
            fixedBytes += slot.BinaryFixedBytes;
        }
        _fixedRowBytes = fixedBytes;
        _stride = slots.Length + 1;
        if (fixedBytes >= 0)
        {
            _fixedOffsets = new int[_stride];
            int at = _maskBytes;
            for (int c = 0; c < slots.Length; c++)
            {
                _fixedOffsets[c] = at;
                at += slots[c].BinaryFixedBytes;
            }
            _fixedOffsets[slots.Length] = at;
        }
        else
        {
            _cellOffsets = new int[64 * _stride];
            _aheadCellOffsets = new int[64 * _stride];
        }
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    public long Rows { get; private set; }

    /// <summary>Message of a data error (bad base64, stream ended inside a row), when the outcome is DataError.</summary>
    public string? ErrorMessage { get; private set; }

    /// <param name="feed">The decoded bytes.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <param name="feedAhead">
    /// The feed reads without waiting (a file): the last batch of each buffer is decoded while the feed fills a second
    /// buffer, so reading and base64 decoding overlap with decoding the columns instead of coming between them.
    /// </param>
    public async ValueTask<DataOutcome> ReadAsync(BinaryFeed feed, CancellationToken cancellationToken, bool feedAhead = false)
    {
        try
        {
            while (true)
            {
                int fed = -1;
                if (DecodeRows(feedAhead ? feed : null, ref fed, cancellationToken))
                {
                    return DataOutcome.RowCap;
                }
                int n = fed;
                if (n < 0)
                {
                    Compact();
                    int room = _buffer.Length - _end;
                    n = await feed.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                    _readFilledRoom = n == room;
                    _end += n;
                }
                if (n > 0)
                {
                    continue;
                }
                if (feed.DataError is not null)
                {
                    ErrorMessage = feed.DataError;
                    return DataOutcome.DataError;
                }
                if (feed.EndedEarly)
                {
                    return DataOutcome.EndedEarly;
                }
                if (_end > _start)
                {
                    ErrorMessage = FormattableString.Invariant($"the binary stream ends inside row {Rows} ({_end - _start} bytes left over); that row is dropped");
                    _sink.Report(VoTableDiagnosticCodes.BinaryEndedInRow, ErrorMessage, byteOffset: _consumedBefore + _start, row: Rows);
                    return DataOutcome.DataError;
                }
                return DataOutcome.Completed;
            }
        }
        catch (InvalidDataException ex)
        {
            ErrorMessage = ex.Message;
            _sink.Report(VoTableDiagnosticCodes.BinaryEndedInRow, ex.Message, byteOffset: _consumedBefore + _start, row: Rows);
            return DataOutcome.DataError;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            if (_spare is not null)
            {
                ArrayPool<byte>.Shared.Return(_spare);
                _spare = null;
            }
        }
    }

    private void Compact()
    {
        _ahead = default; // made for bytes about to move
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _consumedBefore += _start;
            _end -= _start;
            _start = 0;
        }
        int size = NextBufferSize(_end);
        if (size > _buffer.Length)
        {
            _readFilledRoom = false;
            var bigger = ArrayPool<byte>.Shared.Rent(size);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }

    /// <summary>
    /// The size of the buffer that continues with <paramref name="kept"/> unread bytes: twice the present one when a
    /// row needs more than half of it (huge arrays), or while the feed fills all the room it is given (a large answer:
    /// the buffer starts small for the many small ones), up to 1 MiB.
    /// </summary>
    private int NextBufferSize(int kept) =>
        kept > _buffer.Length / 2 || (_readFilledRoom && _buffer.Length < MaxGrownBytes) ? _buffer.Length * 2 : _buffer.Length;

    /// <summary>
    /// Decodes every complete row in the buffer, batch by batch; true when the row cap was reached. With a
    /// <paramref name="feedAhead"/>, the last batch may also have fed the next bytes (<paramref name="fed"/> ≥ 0).
    /// </summary>
    private bool DecodeRows(BinaryFeed? feedAhead, ref int fed, CancellationToken cancellationToken)
    {
        while (true)
        {
            long before = Rows;
            if (DecodeBatch(feedAhead, ref fed, cancellationToken))
            {
                return true;
            }
            if (fed >= 0 || Rows == before)
            {
                return false;
            }
        }
    }

    /// <summary>Decodes up to <see cref="BatchBytes"/> of complete rows; true when the row cap was reached.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool DecodeBatch(BinaryFeed? feedAhead, ref int fed, CancellationToken cancellationToken)
    {
        // First find where each complete row starts (cheap: only length prefixes are read), then decode the
        // cells column group by column group, on two threads for large blocks (each column has one writer).
        long allowed = _maxRows - Rows;
        RowIndex batch;
        if (ReferenceEquals(_ahead.Buffer, _buffer) && _ahead.From == _start)
        {
            // Indexed while the last batch was decoded.
            (_rowStarts, _aheadRowStarts) = (_aheadRowStarts, _rowStarts);
            (_cellOffsets, _aheadCellOffsets) = (_aheadCellOffsets, _cellOffsets);
            batch = _ahead;
        }
        else
        {
            batch = IndexRows(_start, allowed, ref _rowStarts, ref _cellOffsets);
        }
        _ahead = default;
        if (batch.Invalid)
        {
            throw new InvalidDataException(FormattableString.Invariant($"row {Rows + batch.Rows} has a negative array length"));
        }
        int rows = batch.Rows, pos = batch.End;
        if (rows > 0)
        {
            // A second thread pays from a few thousand cells on (a 256 KiB batch of 21 columns holds about 26,000;
            // the bound was once 40,000, and such batches were decoded on one thread).
            bool twoThreads = _parallel && (long)rows * _slots.Length > 4_000;
            if (twoThreads && feedAhead is not null && batch.LastInBuffer)
            {
                fed = DecodeFeedingAhead(feedAhead, rows, pos, cancellationToken);
                return Rows >= _maxRows;
            }
            if (twoThreads && _fixedRowBytes < 0 && !batch.LastInBuffer && rows < allowed)
            {
                // Rows of varying length are found one after the other (each length comes from the cells before
                // it): the next batch's are found here as one more item beside the columns, not between batches.
                var buffer = _buffer;
                long allowedNext = allowed - rows;
                DecodeColumnsOnTwoThreads(rows, () =>
                    _ahead = IndexRows(pos, allowedNext, ref _aheadRowStarts, ref _aheadCellOffsets) with { Buffer = buffer });
            }
            else if (twoThreads)
            {
                DecodeColumnsOnTwoThreads(rows, beside: null);
            }
            else
            {
                for (int c = 0; c < _slots.Length; c++)
                {
                    DecodeColumn(c, rows);
                }
            }
            _start = pos;
            Rows += rows;
            _batcher?.AfterBlock(_slots);
        }
        return Rows >= _maxRows;
    }

    /// <summary>
    /// Finds the complete rows from <paramref name="from"/>, up to <see cref="BatchBytes"/> of them and at most
    /// <paramref name="allowed"/>, writing where each starts (and, when rows vary, where each cell starts). Never
    /// throws: a negative array length ends the rows found and says so (<see cref="RowIndex.Invalid"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RowIndex IndexRows(int from, long allowed, ref int[] rowStarts, ref int[] cellOffsets)
    {
        int rows = 0;
        int pos = from;
        while (rows < allowed)
        {
            var row = _buffer.AsSpan(pos, _end - pos);
            if (_fixedRowBytes < 0 && (rows + 1) * _stride > cellOffsets.Length)
            {
                Array.Resize(ref cellOffsets, cellOffsets.Length * 2);
            }
            int length = _fixedRowBytes >= 0 ? (_fixedRowBytes <= row.Length ? _fixedRowBytes : -1) : RowLength(row, cellOffsets.AsSpan(rows * _stride, _stride));
            if (length < 0)
            {
                // The rows stopped at an incomplete one (the buffer has no more), or at an invalid one.
                return new RowIndex(from, rows, pos, LastInBuffer: true, Invalid: length == -2);
            }
            if (rows == rowStarts.Length)
            {
                Array.Resize(ref rowStarts, rowStarts.Length * 2);
            }
            rowStarts[rows++] = pos;
            pos += length;
            if (pos - from >= BatchBytes)
            {
                break; // decode this batch while it is in the cache
            }
        }
        return new RowIndex(from, rows, pos, LastInBuffer: false, Invalid: false);
    }

    /// <summary>
    /// The rows of a batch: from where, how many, where they end, whether they stopped at an incomplete row or an
    /// invalid one. As an index made ahead, also the buffer it was made in (none: no index made ahead).
    /// </summary>
    private readonly record struct RowIndex(int From, int Rows, int End, bool LastInBuffer, bool Invalid)
    {
        public byte[]? Buffer { get; init; }
    }

    /// <summary>
    /// Decodes the batch's columns on two threads, taken one at a time, costliest first; <paramref name="beside"/>,
    /// when given, is one more item, taken first (finding the next batch's rows, or feeding the next bytes).
    /// </summary>
    private void DecodeColumnsOnTwoThreads(int rows, Action? beside)
    {
        int extra = beside is null ? 0 : 1;
        ForkJoin.For(_byCost.Length + extra, k =>
        {
            if (k < extra)
            {
                beside!();
            }
            else
            {
                DecodeColumn(_byCost[k - extra], rows);
            }
        }, maxThreads: 2);
    }

    /// <summary>
    /// Decodes the buffer's last batch (<paramref name="rows"/> rows ending at <paramref name="end"/>) while the feed
    /// fills a second buffer that starts with the incomplete row after them; the second buffer then becomes the
    /// buffer. The feed is the first item of the loop, so the calling thread reads while the other decodes columns,
    /// and both decode what is left. Returns the bytes fed (0 at the end of the stream).
    /// </summary>
    private int DecodeFeedingAhead(BinaryFeed feed, int rows, int end, CancellationToken cancellationToken)
    {
        int tail = _end - end;
        int size = NextBufferSize(tail);
        var next = _spare is { } spare && spare.Length >= size ? spare : ArrayPool<byte>.Shared.Rent(size);
        if (next != _spare && _spare is not null)
        {
            ArrayPool<byte>.Shared.Return(_spare);
        }
        _spare = null;
        _buffer.AsSpan(end, tail).CopyTo(next);
        int fed = 0;
        DecodeColumnsOnTwoThreads(rows, () =>
        {
            var read = feed.ReadAsync(next.AsMemory(tail), cancellationToken);
            fed = read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
        });
        Rows += rows;
        _batcher?.AfterBlock(_slots);
        _readFilledRoom = fed == next.Length - tail;
        _consumedBefore += end;
        _spare = _buffer;
        _buffer = next;
        _start = 0;
        _end = tail + fed;
        return fed;
    }

    /// <summary>
    /// One column over the batch's rows: common scalar types in a tight loop of big-endian reads, everything else
    /// cell by cell through <see cref="BinaryCells.Decode"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DecodeColumn(int c, int rows)
    {
        var slot = _slots[c];
        var buffer = _buffer;
        var starts = _rowStarts;
        var offsets = _cellOffsets;
        int stride = _stride;
        int fixedOffset = _fixedOffsets?[c] ?? -1;
        int maskByte = c >> 3, maskBit = 0x80 >> (c & 7);
        bool binary2 = _binary2;
        if (!slot.IsText && !slot.IsArray)
        {
            int size = slot.BinaryFixedBytes;
            switch (slot.Type)
            {
                case VoDataType.Double when !slot.HasFloatNull:
                {
                    var column = Unsafe.As<ScalarColumn<double>>(slot.Column);
                    for (int r = 0; r < rows; r++)
                    {
                        int rs = starts[r];
                        double v = BinaryPrimitives.ReadDoubleBigEndian(buffer.AsSpan(rs + (fixedOffset >= 0 ? fixedOffset : offsets[r * stride + c]), 8));
                        if ((binary2 && (buffer[rs + maskByte] & maskBit) != 0) || double.IsNaN(v))
                        {
                            column.AppendNull();
                        }
                        else
                        {
                            column.Append(v);
                        }
                    }
                    return;
                }
                case VoDataType.Float when !slot.HasFloatNull:
                {
                    var column = Unsafe.As<ScalarColumn<float>>(slot.Column);
                    for (int r = 0; r < rows; r++)
                    {
                        int rs = starts[r];
                        float v = BinaryPrimitives.ReadSingleBigEndian(buffer.AsSpan(rs + (fixedOffset >= 0 ? fixedOffset : offsets[r * stride + c]), 4));
                        if ((binary2 && (buffer[rs + maskByte] & maskBit) != 0) || float.IsNaN(v))
                        {
                            column.AppendNull();
                        }
                        else
                        {
                            column.Append(v);
                        }
                    }
                    return;
                }
                default:
                    for (int r = 0; r < rows; r++)
                    {
                        int rs = starts[r];
                        var cell = buffer.AsSpan(rs + (fixedOffset >= 0 ? fixedOffset : offsets[r * stride + c]), size);
                        if (binary2 && (buffer[rs + maskByte] & maskBit) != 0)
                        {
                            slot.Column.AppendNull();
                        }
                        else
                        {
                            BinaryCells.DecodeScalar(slot, cell);
                        }
                    }
                    return;
            }
        }
        for (int r = 0; r < rows; r++)
        {
            int rs = starts[r];
            int start, end;
            if (fixedOffset >= 0)
            {
                start = fixedOffset;
                end = _fixedOffsets![c + 1];
            }
            else
            {
                start = offsets[r * stride + c];
                end = offsets[r * stride + c + 1];
            }
            BinaryCells.Decode(slot, buffer.AsSpan(rs + start, end - start), binary2 && (buffer[rs + maskByte] & maskBit) != 0);
        }
    }

    /// <summary>The row's length, writing where each cell starts into <paramref name="offsets"/>; -1 when incomplete, -2 when invalid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RowLength(ReadOnlySpan<byte> row, Span<int> offsets)
    {
        int pos = _maskBytes;
        if (pos > row.Length)
        {
            return -1;
        }
        var slots = _slots;
        for (int c = 0; c < slots.Length; c++)
        {
            offsets[c] = pos;
            int n = BinaryCells.CellLength(slots[c], row, pos);
            if (n < 0)
            {
                return n;
            }
            pos += n;
            if (pos > row.Length)
            {
                return -1;
            }
        }
        offsets[slots.Length] = pos;
        return pos;
    }
}
