using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.VoTable.Diagnostics;
using Das.Threading;

namespace Das.Tables.VoTable.Parsing;

/// <summary>How reading a table's data ended.</summary>
internal enum DataOutcome
{
    Completed,
    RowCap,
    EndedEarly,
    DataError,
}

/// <summary>
/// Reads TABLEDATA rows straight from the input window. Works block by block on the complete rows in the window:
/// first it finds every cell (one pass over the bytes, recording where each cell's text is), then it parses the
/// cells column by column into the typed columns. With two cores the block is split at a row boundary for the
/// first pass and the columns are split between two threads for the second; every column is written by one thread.
/// </summary>
internal sealed class TableDataReader
{
    private const int ParallelThreshold = 128 * 1024;
    private const int ChunkBytes = 384 * 1024;

    private readonly ColumnSlot[] _slots;
    private readonly InputBuffer _in;
    private readonly DiagnosticSink _sink;
    private readonly long _maxRows;
    private readonly bool _parallel;
    private readonly byte[] _trOpen, _trClose, _tdOpen, _tdClose, _endTag;
    private readonly CellIndex _first = new(), _second = new();
    private readonly ColumnSlot[] _byCost;
    private readonly bool _plainTags;
    private readonly RowBatcher? _batcher;

    // "<TD>" and "</TD" read as little-endian 32-bit words, for the common unprefixed case.
    private static readonly uint PlainTdOpen = MemoryMarshal.Read<uint>("<TD>"u8);
    private static readonly uint PlainTdClose = MemoryMarshal.Read<uint>("</TD"u8);

    public TableDataReader(ColumnSlot[] slots, InputBuffer input, DiagnosticSink sink, string prefix, long? maxRows, bool parallel, RowBatcher? batcher = null)
    {
        _batcher = batcher;
        _slots = slots;
        _in = input;
        _sink = sink;
        _maxRows = maxRows ?? long.MaxValue;
        _parallel = parallel && Environment.ProcessorCount > 1 && slots.Length > 1;
        _trOpen = Encoding.UTF8.GetBytes("<" + prefix + "TR");
        _trClose = Encoding.UTF8.GetBytes("</" + prefix + "TR>");
        _tdOpen = Encoding.UTF8.GetBytes("<" + prefix + "TD");
        _tdClose = Encoding.UTF8.GetBytes("</" + prefix + "TD>");
        _endTag = Encoding.UTF8.GetBytes("</" + prefix + "TABLEDATA");
        _plainTags = prefix.Length == 0;
        // The costliest columns first: two threads take columns one at a time, so the last ones taken are short.
        _byCost = [.. slots.OrderByDescending(s => s.Cost)];
    }

    public long Rows { get; private set; }

    public async ValueTask<DataOutcome> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var window = _in.Data.AsSpan(_in.Position, _in.End - _in.Position);
            // The buffer may already hold the rows of later tables (VizieR sends one table per catalogue): the cell
            // pass stops at this table's </TABLEDATA>, which it meets between rows. (Searching the window for it
            // first cost a sequential pass over every byte, 48 ms of a 577 MB table.)
            int last = window.LastIndexOf(_trClose);
            if (last >= 0)
            {
                // Work in chunks small enough to stay in the cache between the cell pass and the column pass.
                int regionEnd = _in.Position + last + _trClose.Length;
                int pos = _in.Position;
                while (pos < regionEnd)
                {
                    int chunkEnd = regionEnd;
                    if (regionEnd - pos > ChunkBytes)
                    {
                        int k = _in.Data.AsSpan(pos + ChunkBytes, regionEnd - pos - ChunkBytes).IndexOf(_trClose);
                        chunkEnd = k < 0 ? regionEnd : pos + ChunkBytes + k + _trClose.Length;
                    }
                    bool capped = ProcessBlock(pos, chunkEnd, out int tableEnd);
                    if (capped)
                    {
                        return DataOutcome.RowCap;
                    }
                    _batcher?.AfterBlock(_slots);
                    if (tableEnd >= 0)
                    {
                        _in.Position = tableEnd;
                        break;
                    }
                    pos = chunkEnd;
                    _in.Position = pos;
                }
            }
            switch (TryFinish())
            {
                case 1:
                    return DataOutcome.Completed;
                case -1:
                    throw new XmlSyntaxException("unexpected content in TABLEDATA", _in.AbsolutePosition);
            }
            if (!await _in.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return DataOutcome.EndedEarly;
            }
        }
    }

    /// <summary>1 when the end tag was consumed, 0 when more input is needed, -1 on unexpected content.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int TryFinish()
    {
        var data = _in.Data;
        int i = _in.Position, end = _in.End;
        while (true)
        {
            while (i < end && NumberText.IsSpace(data[i]))
            {
                i++;
            }
            _in.Position = i;
            if (end - i < _endTag.Length + 1)
            {
                return 0;
            }
            var rest = data.AsSpan(i, end - i);
            if (rest.StartsWith(_endTag))
            {
                int gt = rest.IndexOf((byte)'>');
                if (gt < 0)
                {
                    return 0;
                }
                _in.Position = i + gt + 1;
                return 1;
            }
            if (rest.StartsWith("<!--"u8))
            {
                int close = rest.IndexOf("-->"u8);
                if (close < 0)
                {
                    return 0;
                }
                i += close + 3;
                continue;
            }
            return rest[0] == (byte)'<' ? 0 : -1;
        }
    }

    /// <summary>
    /// Reads the complete rows in [start, end), or those before the table's end tag when it comes first
    /// (<paramref name="tableEnd"/> is then its offset, else -1); true when the row cap was reached.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ProcessBlock(int start, int end, out int tableEnd)
    {
        var data = _in.Data;
        long remaining = _maxRows - Rows;
        if (_parallel && end - start >= ParallelThreshold)
        {
            int mid = data.AsSpan(start + (end - start) / 2, end - start - (end - start) / 2).IndexOf(_trClose);
            int split = mid < 0 ? end : start + (end - start) / 2 + mid + _trClose.Length;
            int firstEnd = -1, secondEnd = -1;
            XmlSyntaxException? secondError = null;
            ForkJoin.Invoke(
                () => firstEnd = Scan(data, start, split, _first),
                () =>
                {
                    try
                    {
                        secondEnd = Scan(data, split, end, _second);
                    }
                    catch (XmlSyntaxException e)
                    {
                        secondError = e; // an error only if this table's rows reach the second half
                    }
                });
            if (firstEnd >= 0)
            {
                // The table ended in the first half: the second half holds what follows it (a later table's rows).
                _second.Reset(_slots.Length);
                tableEnd = firstEnd;
            }
            else
            {
                if (secondError is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(secondError);
                }
                tableEnd = secondEnd;
            }
        }
        else
        {
            tableEnd = Scan(data, start, end, _first);
            _second.Reset(_slots.Length);
        }
        ReportIssues(_first, Rows);
        ReportIssues(_second, Rows + _first.Rows);
        int n1 = (int)Math.Min(_first.Rows, remaining);
        int n2 = (int)Math.Min(_second.Rows, remaining - n1);
        // Worth a second thread from a few thousand cells on (a 384 KiB block of indented rows of 21 columns holds
        // about 14,000; the bound was once 20,000, and such blocks were parsed on one thread).
        if (_parallel && (long)(n1 + n2) * _slots.Length > 2_000)
        {
            long rowBase = Rows;
            ForkJoin.For(_byCost.Length, c => ParseColumn(_byCost[c], n1, n2, rowBase), maxThreads: 2);
        }
        else
        {
            ParseColumns(_slots, n1, n2, Rows);
        }
        Rows += n1 + n2;
        return n1 + n2 < _first.Rows + _second.Rows || Rows >= _maxRows;
    }

    private void ReportIssues(CellIndex index, long rowBase)
    {
        foreach (var issue in index.Issues)
        {
            if (!_sink.WouldKeep(issue.Code))
            {
                _sink.Count(issue.Code);
                continue;
            }
            var (line, column) = _in.LineColumn(_in.BaseOffset + issue.Offset);
            _sink.Report(issue.Code, issue.Message, line, column, _in.BaseOffset + issue.Offset, rowBase + issue.Row);
        }
    }

    private void ParseColumns(ColumnSlot[] slots, int n1, int n2, long rowBase)
    {
        foreach (var slot in slots)
        {
            ParseColumn(slot, n1, n2, rowBase);
        }
    }

    /// <summary>One column's cells of both halves of the block, in row order.</summary>
    private void ParseColumn(ColumnSlot slot, int n1, int n2, long rowBase)
    {
        ParseColumn(slot, _first, n1, rowBase);
        ParseColumn(slot, _second, n2, rowBase + n1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ParseColumn(ColumnSlot slot, CellIndex index, int rows, long rowBase)
    {
        if (rows == 0)
        {
            return;
        }
        var data = _in.Data;
        int c = slot.Index, stride = index.Columns;
        var starts = index.Starts;
        var lengths = index.Lengths;
        int at = c;
        long baseOffset = _in.BaseOffset;
        if (!slot.IsArray && !slot.IsText && slot.Type == VoDataType.Double)
        {
            var column = Unsafe.As<ScalarColumn<double>>(slot.Column);
            for (int r = 0; r < rows; r++, at += stride)
            {
                int len = lengths[at];
                if (len > 0)
                {
                    var text = NumberText.Trim(data.AsSpan(starts[at], len));
                    if (!text.IsEmpty)
                    {
                        TextCells.AppendDouble(column, slot, text, new CellSite(_in, baseOffset + starts[at], rowBase + r), _sink);
                        continue;
                    }
                }
                if (len < -2)
                {
                    TextCells.Append(slot, index.Special[starts[at]], new CellSite(_in, baseOffset, rowBase + r), _sink);
                    continue;
                }
                column.AppendNull();
            }
            return;
        }
        if (!slot.IsArray && !slot.IsText && slot.Type == VoDataType.Float)
        {
            var column = Unsafe.As<ScalarColumn<float>>(slot.Column);
            for (int r = 0; r < rows; r++, at += stride)
            {
                int len = lengths[at];
                if (len > 0)
                {
                    var text = NumberText.Trim(data.AsSpan(starts[at], len));
                    if (!text.IsEmpty)
                    {
                        TextCells.AppendFloat(column, slot, text, new CellSite(_in, baseOffset + starts[at], rowBase + r), _sink);
                        continue;
                    }
                }
                if (len < -2)
                {
                    TextCells.Append(slot, index.Special[starts[at]], new CellSite(_in, baseOffset, rowBase + r), _sink);
                    continue;
                }
                column.AppendNull();
            }
            return;
        }
        if (!slot.IsArray && !slot.IsText && slot.Type.IsInteger())
        {
            for (int r = 0; r < rows; r++, at += stride)
            {
                int len = lengths[at];
                if (len > 0)
                {
                    var text = NumberText.Trim(data.AsSpan(starts[at], len));
                    if (!text.IsEmpty)
                    {
                        if (NumberText.TryParseLong(text, out long v) && !(slot.HasIntNull && v == slot.IntNull) && TextCells.AppendIntegerValue(slot, v))
                        {
                            continue;
                        }
                        TextCells.AppendInteger(slot, text, new CellSite(_in, baseOffset + starts[at], rowBase + r), _sink);
                        continue;
                    }
                }
                if (len < -2)
                {
                    TextCells.Append(slot, index.Special[starts[at]], new CellSite(_in, baseOffset, rowBase + r), _sink);
                    continue;
                }
                slot.Column.AppendNull();
            }
            return;
        }
        if (!slot.IsArray && slot.Type == VoDataType.Boolean)
        {
            var column = Unsafe.As<ScalarColumn<bool>>(slot.Column);
            for (int r = 0; r < rows; r++, at += stride)
            {
                int len = lengths[at];
                if (len > 0)
                {
                    var text = NumberText.Trim(data.AsSpan(starts[at], len));
                    TextCells.AppendBoolean(column, slot, text, new CellSite(_in, baseOffset + starts[at], rowBase + r), _sink);
                    continue;
                }
                if (len < -2)
                {
                    TextCells.Append(slot, index.Special[starts[at]], new CellSite(_in, baseOffset, rowBase + r), _sink);
                    continue;
                }
                column.AppendNull();
            }
            return;
        }
        if (slot.IsText)
        {
            for (int r = 0; r < rows; r++, at += stride)
            {
                int len = lengths[at];
                if (len >= 0)
                {
                    TextCells.AppendText(slot, data.AsSpan(starts[at], len));
                }
                else if (len < -2)
                {
                    TextCells.AppendText(slot, index.Special[starts[at]]);
                }
                else
                {
                    slot.Column.AppendNull();
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++, at += stride)
        {
            int len = lengths[at];
            if (len >= 0)
            {
                TextCells.Append(slot, data.AsSpan(starts[at], len), new CellSite(_in, baseOffset + starts[at], rowBase + r), _sink);
            }
            else if (len < -2)
            {
                TextCells.Append(slot, index.Special[starts[at]], new CellSite(_in, baseOffset, rowBase + r), _sink);
            }
            else
            {
                slot.Column.AppendNull();
            }
        }
    }

    /// <summary>
    /// Finds the cells of the rows in data[start..end) (which ends with a row end tag). Returns the offset of the
    /// table's end tag when it comes between two rows (the rows after it are not this table's), else -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Scan(byte[] data, int start, int end, CellIndex index)
    {
        int columns = _slots.Length;
        index.Reset(columns);
        int i = start;
        var trOpen = _trOpen;
        var tdOpen = _tdOpen;
        var tdClose = _tdClose;
        var trClose = _trClose;
        bool plain = _plainTags;
        var cursor = new MarkupCursor(data);
        while (true)
        {
            i = cursor.SkipBlank(i, end);
            if (i >= end)
            {
                return -1;
            }
            var rest = data.AsSpan(i, end - i);
            if (rest.StartsWith("<!--"u8))
            {
                i += SkipComment(rest);
                continue;
            }
            if (!rest.StartsWith(trOpen) || !IsNameEnd(rest[trOpen.Length]))
            {
                if (rest.StartsWith(_endTag))
                {
                    return i;
                }
                throw new XmlSyntaxException($"expected <TR> in TABLEDATA, found '{TextCells.Shorten(rest[..Math.Min(20, rest.Length)])}'", _in.BaseOffset + i);
            }
            int gt = rest.IndexOf((byte)'>');
            int rowStartOffset = i;
            int row = index.AddRow();
            int cellBase = row * columns;
            int col = 0;
            i += gt + 1;
            if (rest[gt - 1] == (byte)'/')
            {
                FinishRow(index, row, cellBase, 0, rowStartOffset);
                continue;
            }
            while (true)
            {
                i = cursor.SkipBlank(i, end);
                if (i >= end)
                {
                    throw new XmlSyntaxException("a row is not closed", _in.BaseOffset + i);
                }
                var cell = data.AsSpan(i, end - i);
                bool plainTd = plain && cell.Length >= 4 && MemoryMarshal.Read<uint>(cell) == PlainTdOpen;
                if (plainTd || (cell.StartsWith(tdOpen) && IsNameEnd(cell[tdOpen.Length])))
                {
                    int tagEnd = plainTd ? 3 : cell.IndexOf((byte)'>');
                    int textStart = i + tagEnd + 1;
                    if (!plainTd && cell[tagEnd - 1] == (byte)'/')
                    {
                        if (col < columns)
                        {
                            index.Starts[cellBase + col] = textStart;
                            index.Lengths[cellBase + col] = -1;
                        }
                        col++;
                        i = textStart;
                        continue;
                    }
                    var text = data.AsSpan(textStart, end - textStart);
                    int lt = cursor.NextMarkup(textStart, end);
                    if (lt < 0)
                    {
                        throw new XmlSyntaxException("a cell is not closed", _in.BaseOffset + textStart);
                    }
                    lt -= textStart;
                    if (text[lt] == (byte)'<' && (plain ? text.Length - lt >= 5 && MemoryMarshal.Read<uint>(text[lt..]) == PlainTdClose && text[lt + 4] == (byte)'>' : text[lt..].StartsWith(tdClose)))
                    {
                        if (col < columns)
                        {
                            index.Starts[cellBase + col] = textStart;
                            index.Lengths[cellBase + col] = lt;
                        }
                        col++;
                        i = textStart + lt + tdClose.Length;
                        continue;
                    }
                    // Entity references, CDATA or comments inside the cell: decode it on the slow path.
                    int close = text.IndexOf(tdClose);
                    if (close < 0)
                    {
                        throw new XmlSyntaxException("a cell is not closed", _in.BaseOffset + textStart);
                    }
                    if (col < columns)
                    {
                        index.Starts[cellBase + col] = index.Special.Count;
                        index.Lengths[cellBase + col] = -3;
                        index.Special.Add(DecodeSpecial(text[..close]));
                    }
                    col++;
                    i = textStart + close + tdClose.Length;
                    continue;
                }
                if (cell.StartsWith(trClose))
                {
                    i += trClose.Length;
                    break;
                }
                if (cell.StartsWith("<!--"u8))
                {
                    i += SkipComment(cell);
                    continue;
                }
                throw new XmlSyntaxException($"expected <TD> or </TR>, found '{TextCells.Shorten(cell[..Math.Min(20, cell.Length)])}'", _in.BaseOffset + i);
            }
            FinishRow(index, row, cellBase, col, rowStartOffset);
        }
    }

    private void FinishRow(CellIndex index, int row, int cellBase, int cells, int rowOffset)
    {
        int columns = _slots.Length;
        if (cells < columns)
        {
            for (int c = cells; c < columns; c++)
            {
                index.Lengths[cellBase + c] = -2;
            }
            index.Issues.Add(new(row, rowOffset, VoTableDiagnosticCodes.TooFewCells,
                FormattableString.Invariant($"the row has {cells} cells but the table has {columns} FIELDs; the missing cells are null")));
        }
        else if (cells > columns)
        {
            index.Issues.Add(new(row, rowOffset, VoTableDiagnosticCodes.TooManyCells,
                FormattableString.Invariant($"the row has {cells} cells but the table has {columns} FIELDs; the extra cells are ignored")));
        }
    }

    private static bool IsNameEnd(byte b) => b is (byte)'>' or (byte)'/' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static int SkipComment(ReadOnlySpan<byte> rest)
    {
        int close = rest.IndexOf("-->"u8);
        return close < 0 ? rest.Length : close + 3;
    }

    private static byte[] DecodeSpecial(ReadOnlySpan<byte> raw)
    {
        var sb = new StringBuilder();
        var text = Encoding.UTF8.GetString(raw);
        int i = 0;
        while (i < text.Length)
        {
            if (text.AsSpan(i).StartsWith("<![CDATA[", StringComparison.Ordinal))
            {
                int close = text.IndexOf("]]>", i + 9, StringComparison.Ordinal);
                close = close < 0 ? text.Length : close;
                sb.Append(text, i + 9, close - i - 9);
                i = Math.Min(text.Length, close + 3);
                continue;
            }
            if (text.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                int close = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 3;
                continue;
            }
            int next = text.IndexOf('<', i);
            next = next < 0 ? text.Length : next;
            sb.Append(Entities.Decode(text[i..next]));
            i = next == i ? i + 1 : next;
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>Where each cell's text is within the window, for one block of rows.</summary>
    private sealed class CellIndex
    {
        // Small at first: most archive answers have a few rows, and a query reads dozens of them at once (64 KB of
        // index per reader was most of what a busy server allocated); big tables double it a few times, once.
        public int[] Starts = new int[256];
        public int[] Lengths = new int[256]; // >= 0 text length; -1 empty; -2 missing; -3 decoded text in Special
        public readonly List<byte[]> Special = [];
        public readonly List<ScanIssue> Issues = [];

        public int Rows { get; private set; }

        public int Columns { get; private set; }

        public void Reset(int columns)
        {
            Columns = columns;
            Rows = 0;
            Special.Clear();
            Issues.Clear();
        }

        public int AddRow()
        {
            int need = (Rows + 1) * Columns;
            if (need > Starts.Length)
            {
                Array.Resize(ref Starts, Math.Max(need, Starts.Length * 2));
                Array.Resize(ref Lengths, Starts.Length);
            }
            return Rows++;
        }
    }

    private readonly record struct ScanIssue(int Row, int Offset, string Code, string Message);
}
