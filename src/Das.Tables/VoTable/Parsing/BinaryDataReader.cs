using System.Buffers;
using System.Runtime.CompilerServices;
using Das.Tables.VoTable.Diagnostics;

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

    private readonly bool _parallel;
    private readonly bool[] _all, _groupA, _groupB;
    private int[] _rowStarts = new int[4096];

    public BinaryDataReader(ColumnSlot[] slots, bool binary2, DiagnosticSink sink, long? maxRows, int bufferSize, bool parallel)
    {
        _parallel = parallel && Environment.ProcessorCount > 1 && slots.Length > 1;
        _all = [.. slots.Select(_ => true)];
        _groupA = new bool[slots.Length];
        _groupB = new bool[slots.Length];
        int costA = 0, costB = 0;
        foreach (var slot in slots.OrderByDescending(s => s.Cost))
        {
            if (costA <= costB)
            {
                _groupA[slot.Index] = true;
                costA += slot.Cost;
            }
            else
            {
                _groupB[slot.Index] = true;
                costB += slot.Cost;
            }
        }
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
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    public long Rows { get; private set; }

    /// <summary>Message of a data error (bad base64, stream ended inside a row), when the outcome is DataError.</summary>
    public string? ErrorMessage { get; private set; }

    public async ValueTask<DataOutcome> ReadAsync(BinaryFeed feed, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (DecodeRows())
                {
                    return DataOutcome.RowCap;
                }
                Compact();
                int n = await feed.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                if (n > 0)
                {
                    _end += n;
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
        }
    }

    private void Compact()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _consumedBefore += _start;
            _end -= _start;
            _start = 0;
        }
        if (_end > _buffer.Length / 2)
        {
            // A row longer than half the buffer (huge arrays): grow.
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }

    /// <summary>Decodes every complete row in the buffer, batch by batch; true when the row cap was reached.</summary>
    private bool DecodeRows()
    {
        while (true)
        {
            long before = Rows;
            if (DecodeBatch())
            {
                return true;
            }
            if (Rows == before)
            {
                return false;
            }
        }
    }

    /// <summary>Decodes up to <see cref="BatchBytes"/> of complete rows; true when the row cap was reached.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool DecodeBatch()
    {
        // First find where each complete row starts (cheap: only length prefixes are read), then decode the
        // cells column group by column group, on two threads for large blocks (each column has one writer).
        int rows = 0;
        int pos = _start;
        long allowed = _maxRows - Rows;
        while (rows < allowed)
        {
            var row = _buffer.AsSpan(pos, _end - pos);
            int length = _fixedRowBytes >= 0 ? (_fixedRowBytes <= row.Length ? _fixedRowBytes : -1) : RowLength(row);
            if (length < 0)
            {
                if (length == -2)
                {
                    throw new InvalidDataException(FormattableString.Invariant($"row {Rows + rows} has a negative array length"));
                }
                break;
            }
            if (rows == _rowStarts.Length)
            {
                Array.Resize(ref _rowStarts, _rowStarts.Length * 2);
            }
            _rowStarts[rows++] = pos;
            pos += length;
            if (pos - _start >= BatchBytes)
            {
                break; // decode this batch while it is in the cache
            }
        }
        if (rows > 0)
        {
            if (_parallel && (long)rows * _slots.Length > 40_000)
            {
                int n = rows;
                Parallel.Invoke(() => DecodeColumns(_groupA, n), () => DecodeColumns(_groupB, n));
            }
            else
            {
                DecodeColumns(_all, rows);
            }
            _start = pos;
            Rows += rows;
        }
        return Rows >= _maxRows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DecodeColumns(bool[] mine, int rows)
    {
        var slots = _slots;
        var buffer = _buffer;
        var starts = _rowStarts;
        bool binary2 = _binary2;
        for (int r = 0; r < rows; r++)
        {
            int rowStart = starts[r];
            var row = buffer.AsSpan(rowStart, _end - rowStart);
            int pos = _maskBytes;
            for (int c = 0; c < slots.Length; c++)
            {
                var slot = slots[c];
                int cellLength = slot.BinaryFixedBytes >= 0 ? slot.BinaryFixedBytes : BinaryCells.CellLength(slot, row, pos);
                if (mine[c])
                {
                    bool isNull = binary2 && (row[c >> 3] & (0x80 >> (c & 7))) != 0;
                    var cell = row.Slice(pos, cellLength);
                    if (!slot.IsText && !slot.IsArray && !isNull)
                    {
                        BinaryCells.DecodeScalar(slot, cell);
                    }
                    else
                    {
                        BinaryCells.Decode(slot, cell, isNull);
                    }
                }
                pos += cellLength;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RowLength(ReadOnlySpan<byte> row)
    {
        int pos = _maskBytes;
        if (pos > row.Length)
        {
            return -1;
        }
        foreach (var slot in _slots)
        {
            int n = BinaryCells.CellLength(slot, row, pos);
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
        return pos;
    }
}
