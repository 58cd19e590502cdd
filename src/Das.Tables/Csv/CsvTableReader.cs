using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Tables.VoTable.Diagnostics;
using Das.Tables.VoTable.Parsing;
using Das.Threading;

namespace Das.Tables.Csv;

/// <summary>
/// The CSV engine: finds the fields of the complete records in the input window (one pass, quote-aware), then
/// parses them column by column into typed columns, on two threads for large blocks.
/// </summary>
internal sealed class CsvTableReader
{
    private const int MaxColumns = 16384;
    private const int ChunkBytes = 384 * 1024;

    private readonly InputBuffer _in;
    private readonly CsvReaderOptions _options;
    private readonly DiagnosticSink _sink;
    private readonly byte _delimiter;
    private readonly CellIndex _index = new();
    private readonly long _maxRows;
    private ColumnSlot[]? _slots;
    private int[] _byCost = []; // column indexes, the costliest to parse first (a widened column keeps its place)
    private bool[] _inferred = [];
    private string[] _names = [];
    private long _rows;
    private long _records;
    private readonly RowBatcher? _batcher;

    public CsvTableReader(InputBuffer input, CsvReaderOptions options, DiagnosticSink sink)
    {
        _in = input;
        _options = options;
        _sink = sink;
        _delimiter = (byte)options.Delimiter;
        _maxRows = options.MaxRows ?? long.MaxValue;
        _batcher = options.RowBatches is { } batches ? new RowBatcher(batches, 0, null) : null;
    }

    public async Task<CsvReadResult> ReadAsync(CancellationToken ct)
    {
        var failure = await SniffAsync(ct).ConfigureAwait(false);
        if (failure is not null)
        {
            return Result(null, failure);
        }
        Truncation? truncation = null;
        bool headerDone = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            bool final = _in.Eof;
            if (!headerDone)
            {
                int end = Scan(_in.Position, _in.End, final, MaxColumns, maxRecords: 1);
                if (_index.Rows == 1)
                {
                    _names = new string[_index.CellsInFirstRow];
                    for (int c = 0; c < _names.Length; c++)
                    {
                        var raw = CellBytes(0, c);
                        _names[c] = _options.HasHeader ? Encoding.UTF8.GetString(NumberText.Trim(raw)) : "";
                        if (_names[c].Length == 0)
                        {
                            _names[c] = "col" + (c + 1).ToString(CultureInfo.InvariantCulture);
                        }
                    }
                    if (_options.HasHeader)
                    {
                        _in.Position = end;
                    }
                    headerDone = true;
                    continue;
                }
            }
            else
            {
                int columns = _slots?.Length ?? (_names.Length > 0 ? _names.Length : MaxColumns);
                // Chunks small enough to stay in the cache between the field pass and the column pass
                // (the first chunk is larger: it is also the sample for type inference).
                int chunk = _slots is null ? 4 * ChunkBytes : ChunkBytes;
                int limit = _in.End - _in.Position > chunk ? _in.Position + chunk : _in.End;
                bool lastPiece = limit == _in.End;
                int end = Scan(_in.Position, limit, final && lastPiece, columns, maxRecords: int.MaxValue);
                if (_index.Rows == 0 && !lastPiece)
                {
                    lastPiece = true;
                    end = Scan(_in.Position, _in.End, final, columns, maxRecords: int.MaxValue);
                }
                if (_index.Rows > 0)
                {
                    if (_slots is null)
                    {
                        CreateSlots();
                    }
                    if (ParseBlock())
                    {
                        truncation = new Truncation(TruncationReason.RowCap, FormattableString.Invariant($"stopped at the row cap of {_maxRows} rows"));
                        break;
                    }
                    _batcher?.AfterBlock(_slots!);
                    _in.Position = end;
                }
                else
                {
                    _in.Position = end;
                }
                if (!lastPiece)
                {
                    continue;
                }
            }
            if (final)
            {
                break;
            }
            if (!await _in.FillAsync(ct).ConfigureAwait(false) && _in.Position >= _in.End)
            {
                break;
            }
        }
        if (truncation is null && _in.ByteCapReached)
        {
            truncation = new Truncation(TruncationReason.ByteCap, FormattableString.Invariant($"stopped at the byte cap of {_options.MaxBytes} bytes"));
        }
        else if (truncation is null && _in.StreamError is { } error)
        {
            truncation = new Truncation(TruncationReason.DocumentEndedEarly, $"the connection failed while reading ({error.Message}); rows read so far are kept");
        }
        if (_slots is null)
        {
            CreateSlots();
        }
        // With batches, the last rows are handed over and the table keeps the columns' final types, without rows.
        _batcher?.Flush(_slots!);
        var table = new Table(_slots!.Select(s => s.Column)) { Truncation = truncation };
        table.TrimToCompleteRows();
        var streamFailure = _in.StreamError is { } e
            ? new ReadFailure { Kind = ReadFailureKind.StreamError, Message = "Reading the answer failed: " + e.Message, ByteOffset = _in.TotalRead }
            : null;
        return Result(table, streamFailure);
    }

    private CsvReadResult Result(Table? table, ReadFailure? failure) => new()
    {
        Table = table,
        Failure = failure,
        Diagnostics = _sink.Kept,
        SuppressedDiagnostics = _sink.Suppressed,
        BytesRead = _in.TotalRead,
    };

    private async ValueTask<ReadFailure?> SniffAsync(CancellationToken ct)
    {
        while (_in.End - _in.Position < 1024 && await _in.FillAsync(ct).ConfigureAwait(false))
        {
        }
        var head = _in.Available;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _in.Position += 3;
            head = head[3..];
        }
        if (head.Trim(" \t\r\n"u8).IsEmpty)
        {
            return _in.StreamError is { } e
                ? new ReadFailure { Kind = ReadFailureKind.StreamError, Message = "Reading the answer failed: " + e.Message }
                : new ReadFailure { Kind = ReadFailureKind.EmptyBody, Message = "The service returned an empty answer instead of CSV.", ByteOffset = 0 };
        }
        if (HtmlPage.LooksLikeHtml(head.TrimStart(" \t\r\n"u8)))
        {
            string? title = HtmlPage.Title(head);
            return new ReadFailure
            {
                Kind = ReadFailureKind.HtmlPage,
                Message = title is null ? "The service returned an HTML page instead of CSV." : $"The service returned an HTML page instead of CSV: \"{title}\".",
                HtmlTitle = title,
                BodyStart = DocumentReader.BodyStart(head),
                ByteOffset = 0,
            };
        }
        return null;
    }

    private ReadOnlySpan<byte> CellBytes(int row, int column)
    {
        int at = row * _index.Columns + column;
        int len = _index.Lengths[at];
        return len >= 0 ? _in.Data.AsSpan(_index.Starts[at], len) : len == -3 ? _index.Special[_index.Starts[at]] : [];
    }

    // ---- types ---------------------------------------------------------------------------------------------

    private void CreateSlots()
    {
        int columns = _names.Length;
        _slots = new ColumnSlot[columns];
        _inferred = new bool[columns];
        int sample = Math.Min(_index.Rows, Math.Max(1, _options.InferenceRows));
        for (int c = 0; c < columns; c++)
        {
            VoDataType type;
            if (_options.ColumnTypes is { } given && given.TryGetValue(_names[c], out var declared))
            {
                type = declared;
            }
            else
            {
                type = Infer(c, sample);
                _inferred[c] = true;
            }
            _slots[c] = new ColumnSlot(FieldFor(_names[c], type), c);
        }
        _byCost = [.. _slots.OrderByDescending(s => s.Cost).Select(s => s.Index)];
    }

    private static Field FieldFor(string name, VoDataType type) => new()
    {
        Name = name,
        DataType = type,
        ArraySize = type.IsText() ? ArraySize.Variable : ArraySize.Scalar,
    };

    private VoDataType Infer(int column, int rows)
    {
        bool canLong = true, canDouble = true, canBool = true, any = false;
        for (int r = 0; r < rows && (canLong || canDouble || canBool); r++)
        {
            var text = NumberText.Trim(CellBytes(r, column));
            if (text.IsEmpty)
            {
                continue;
            }
            any = true;
            if (canLong && !NumberText.TryParseLong(text, out _))
            {
                canLong = false;
            }
            if (!canLong && canDouble && !NumberText.TryParseDouble(text, out _))
            {
                canDouble = false;
            }
            if (canBool && (TextCells.ParseBoolean(text) < 0 || text.Length == 1 && text[0] is (byte)'0' or (byte)'1' or (byte)'?'))
            {
                canBool = false;
            }
        }
        if (!any)
        {
            return VoDataType.Char;
        }
        return canLong ? VoDataType.Long : canDouble ? VoDataType.Double : canBool ? VoDataType.Boolean : VoDataType.Char;
    }

    // ---- parsing ---------------------------------------------------------------------------------------------

    /// <summary>Parses the scanned records; true when the row cap was reached.</summary>
    private bool ParseBlock()
    {
        var slots = _slots!;
        foreach (var issue in _index.Issues)
        {
            Report(issue.Code, issue.Message, issue.Offset, _rows + issue.Row);
        }
        int rows = (int)Math.Min(_index.Rows, _maxRows - _rows);
        // A second thread pays from a few thousand cells on (a 384 KiB block of 21 columns holds about 26,000; the
        // bound was once 50,000, and such blocks were parsed on one thread). Two threads take the columns one at a
        // time, costliest first, so the last ones taken are short.
        if (_options.UseMultipleCores && Environment.ProcessorCount > 1 && (long)rows * slots.Length > 4_000)
        {
            var byCost = _byCost;
            ForkJoin.For(byCost.Length, k => ParseColumn(byCost[k], rows), maxThreads: 2);
        }
        else
        {
            for (int c = 0; c < slots.Length; c++)
            {
                ParseColumn(c, rows);
            }
        }
        _rows += rows;
        return rows < _index.Rows || _rows >= _maxRows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ParseColumn(int c, int rows)
    {
        var data = _in.Data;
        int stride = _index.Columns;
        var starts = _index.Starts;
        var lengths = _index.Lengths;
        var slot = _slots![c];
        for (int r = 0, at = c; r < rows; r++, at += stride)
        {
            int len = lengths[at];
            if (len > 0 && slot.Type == VoDataType.Double && !slot.IsText)
            {
                // The common case first: a number in a double column.
                var number = NumberText.Trim(data.AsSpan(starts[at], len));
                if (!number.IsEmpty && NumberText.TryParseDouble(number, out double value))
                {
                    var doubles = Unsafe.As<ScalarColumn<double>>(slot.Column);
                    if (double.IsNaN(value))
                    {
                        doubles.AppendNull();
                    }
                    else
                    {
                        doubles.Append(value);
                    }
                    continue;
                }
            }
            ReadOnlySpan<byte> raw = len >= 0 ? data.AsSpan(starts[at], len) : len == -3 ? _index.Special[starts[at]] : [];
            if (slot.IsText)
            {
                TextCells.AppendText(slot, raw);
                continue;
            }
            var text = NumberText.Trim(raw);
            if (text.IsEmpty)
            {
                slot.Column.AppendNull();
                continue;
            }
            switch (slot.Type)
            {
                case VoDataType.Double:
                    if (NumberText.TryParseDouble(text, out double d))
                    {
                        var column = Unsafe.As<ScalarColumn<double>>(slot.Column);
                        if (double.IsNaN(d))
                        {
                            column.AppendNull();
                        }
                        else
                        {
                            column.Append(d);
                        }
                        continue;
                    }
                    break;
                case VoDataType.Long:
                case VoDataType.Int:
                case VoDataType.Short:
                case VoDataType.UnsignedByte:
                    if (NumberText.TryParseLong(text, out long l) && TextCells.AppendIntegerValue(slot, l))
                    {
                        continue;
                    }
                    break;
                case VoDataType.Float:
                    if (NumberText.TryParseFloat(text, out float f))
                    {
                        var column = Unsafe.As<ScalarColumn<float>>(slot.Column);
                        if (float.IsNaN(f))
                        {
                            column.AppendNull();
                        }
                        else
                        {
                            column.Append(f);
                        }
                        continue;
                    }
                    break;
                case VoDataType.Boolean:
                    int b = TextCells.ParseBoolean(text);
                    if (b >= 0)
                    {
                        Unsafe.As<ScalarColumn<bool>>(slot.Column).Append(b == 1);
                        continue;
                    }
                    if (b == -1)
                    {
                        slot.Column.AppendNull();
                        continue;
                    }
                    break;
            }
            // The value does not fit the column's type.
            if (_inferred[c])
            {
                var to = slot.Type is VoDataType.Long && NumberText.TryParseDouble(text, out _) ? VoDataType.Double : VoDataType.Char;
                Report(VoTableDiagnosticCodes.CsvTypeWidened,
                    $"column '{slot.Name}' was inferred as {slot.Type.ToVoName()} but '{TextCells.Shorten(text)}' is not one; widened to {to.ToVoName()}",
                    starts[at], _rows + r, slot.Name);
                _slots[c] = Widen(slot, to);
                slot = _slots[c];
                r--;
                at -= stride;
                continue;
            }
            Report(VoTableDiagnosticCodes.CsvBadValue, $"'{TextCells.Shorten(text)}' is not a {slot.Type.ToVoName()}; the cell is null", starts[at], _rows + r, slot.Name);
            slot.Column.AppendNull();
        }
    }

    private static ColumnSlot Widen(ColumnSlot slot, VoDataType to)
    {
        var wider = new ColumnSlot(FieldFor(slot.Name, to), slot.Index);
        ColumnCopier.AppendWidened(slot.Column, wider.Column);
        return wider;
    }

    private void Report(string code, string message, long bufferOffset, long row = -1, string? field = null)
    {
        if (!_sink.WouldKeep(code))
        {
            _sink.Count(code);
            return;
        }
        long offset = _in.BaseOffset + bufferOffset;
        var (line, column) = _in.LineColumn(offset);
        _sink.Report(code, message, line, column, offset, row, field);
    }

    // ---- scanning --------------------------------------------------------------------------------------------

    /// <summary>Finds the fields of complete records in data[start..end); returns where the first incomplete record starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Scan(int start, int end, bool final, int columns, int maxRecords)
    {
        var data = _in.Data;
        _index.Reset(columns);
        byte delimiter = _delimiter;
        var fieldEnds = new ByteCursor(data, delimiter, (byte)'\n', (byte)'\r');
        int i = start;
        while (i < end && _index.Rows < maxRecords)
        {
            // Skip blank lines between records.
            if (data[i] is (byte)'\n' or (byte)'\r')
            {
                i++;
                continue;
            }
            int recordStart = i;
            int row = _index.AddRow();
            int cellBase = row * columns;
            int col = 0;
            bool complete = false;
            while (true)
            {
                int cellStart, cellLength;
                if (i < end && data[i] == (byte)'"')
                {
                    int j = i + 1;
                    bool escapes = false;
                    int close = -1;
                    while (true)
                    {
                        int q = data.AsSpan(j, end - j).IndexOf((byte)'"');
                        if (q < 0)
                        {
                            break;
                        }
                        int at = j + q;
                        if (at + 1 < end && data[at + 1] == (byte)'"')
                        {
                            escapes = true;
                            j = at + 2;
                            continue;
                        }
                        if (at + 1 == end && !final)
                        {
                            break; // cannot tell yet whether a doubled quote follows
                        }
                        close = at;
                        break;
                    }
                    if (close < 0)
                    {
                        if (!final)
                        {
                            break; // incomplete record
                        }
                        _index.Issues.Add(new(row, i, VoTableDiagnosticCodes.CsvUnclosedQuote, "a quoted field is not closed before the end of the input"));
                        close = end;
                    }
                    cellStart = i + 1;
                    cellLength = close - cellStart;
                    i = Math.Min(end, close + 1);
                    if (escapes && col < columns)
                    {
                        var unescaped = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(data, cellStart, cellLength).Replace("\"\"", "\"", StringComparison.Ordinal));
                        _index.Starts[cellBase + col] = _index.Special.Count;
                        _index.Lengths[cellBase + col] = -3;
                        _index.Special.Add(unescaped);
                        cellLength = -100;
                    }
                    // Text after the closing quote (malformed): keep it out, skip to the delimiter.
                    if (i < end && data[i] != delimiter && data[i] is not ((byte)'\n' or (byte)'\r'))
                    {
                        int k = data.AsSpan(i, end - i).IndexOfAny(delimiter, (byte)'\n', (byte)'\r');
                        if (k < 0 && !final)
                        {
                            break;
                        }
                        i = k < 0 ? end : i + k;
                    }
                }
                else
                {
                    int k = fieldEnds.Next(i, end);
                    if (k < 0)
                    {
                        if (!final)
                        {
                            break;
                        }
                        k = end - i;
                    }
                    else
                    {
                        k -= i;
                    }
                    cellStart = i;
                    cellLength = k;
                    i += k;
                }
                if (col < columns && cellLength != -100)
                {
                    _index.Starts[cellBase + col] = cellStart;
                    _index.Lengths[cellBase + col] = cellLength;
                }
                col++;
                if (i >= end)
                {
                    if (!final)
                    {
                        break;
                    }
                    complete = true;
                    break;
                }
                byte c = data[i];
                if (c == delimiter)
                {
                    i++;
                    if (i >= end && !final)
                    {
                        break;
                    }
                    continue;
                }
                i++;
                if (c == (byte)'\r' && i < end && data[i] == (byte)'\n')
                {
                    i++;
                }
                else if (c == (byte)'\r' && i >= end && !final)
                {
                    break;
                }
                complete = true;
                break;
            }
            if (!complete)
            {
                _index.Rows--;
                return recordStart;
            }
            if (row == 0)
            {
                _index.CellsInFirstRow = Math.Min(col, columns);
            }
            if (col != columns && columns != MaxColumns)
            {
                for (int c = col; c < columns; c++)
                {
                    _index.Lengths[cellBase + c] = -2;
                }
                _index.Issues.Add(new(row, recordStart, VoTableDiagnosticCodes.CsvFieldCount,
                    FormattableString.Invariant($"a record has {col} fields but the header has {columns}; {(col < columns ? "the missing ones are null" : "the extra ones are ignored")}")));
            }
            _records++;
        }
        return i;
    }

    private sealed class CellIndex
    {
        // Small at first (most tables are small); doubled as rows come.
        public int[] Starts = new int[256];
        public int[] Lengths = new int[256];
        public readonly List<byte[]> Special = [];
        public readonly List<(int Row, int Offset, string Code, string Message)> Issues = [];

        public int Rows { get; set; }

        public int Columns { get; private set; }

        public int CellsInFirstRow { get; set; }

        public void Reset(int columns)
        {
            Columns = columns;
            Rows = 0;
            Special.Clear();
            Issues.Clear();
        }

        public int AddRow()
        {
            long need = (long)(Rows + 1) * Columns;
            if (need > Starts.Length)
            {
                int size = (int)Math.Max(need, Starts.Length * 2L);
                Array.Resize(ref Starts, size);
                Array.Resize(ref Lengths, size);
            }
            return Rows++;
        }
    }
}
