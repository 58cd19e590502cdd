using System.Buffers;

namespace Das.Tables.Writers;

/// <summary>
/// A pooled, growable UTF-8 byte buffer in front of a <see cref="Stream"/>. Writers fill it synchronously cell by
/// cell and call <see cref="FlushIfFullAsync"/> at row boundaries, so only about one flush threshold of output is
/// ever held in memory and the stream only sees asynchronous writes (ASP.NET Core forbids synchronous ones).
/// </summary>
internal sealed class OutputBuffer : IBufferWriter<byte>, IDisposable
{
    internal const int DefaultFlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _flushThreshold;
    private byte[] _buffer;
    private int _used;

    public OutputBuffer(Stream stream, int flushThreshold = DefaultFlushThreshold)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _flushThreshold = flushThreshold;
        _buffer = ArrayPool<byte>.Shared.Rent(flushThreshold + 4096);
    }

    /// <summary>Bytes written to the stream so far plus those still buffered.</summary>
    public long BytesWritten { get; private set; }

    public void Advance(int count)
    {
        _used += count;
        BytesWritten += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_used);
    }

    /// <summary>Writes bytes (e.g. a UTF-8 literal).</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_used));
        Advance(bytes.Length);
    }

    /// <summary>Writes one ASCII byte.</summary>
    public void Write(byte b)
    {
        Ensure(1);
        _buffer[_used] = b;
        Advance(1);
    }

    /// <summary>Writes a value through its invariant UTF-8 formatting.</summary>
    public void WriteFormatted<T>(T value, ReadOnlySpan<char> format = default)
        where T : IUtf8SpanFormattable
    {
        int written;
        while (!value.TryFormat(GetSpan(64), out written, format, System.Globalization.CultureInfo.InvariantCulture))
        {
            Ensure(_buffer.Length - _used + 1);
        }
        Advance(written);
    }

    /// <summary>Transcodes already clean text (no escaping) to UTF-8.</summary>
    public void WriteUtf8(ReadOnlySpan<char> text)
    {
        int max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        Ensure(max);
        int n = System.Text.Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
        Advance(n);
    }

    /// <summary>Sends the buffered bytes when the flush threshold is reached (call between rows).</summary>
    public ValueTask FlushIfFullAsync(CancellationToken cancellationToken) =>
        _used >= _flushThreshold ? FlushAsync(cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Sends every buffered byte to the stream.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_used > 0)
        {
            int n = _used;
            _used = 0;
            await _stream.WriteAsync(_buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }
        if (_buffer.Length - _used >= sizeHint)
        {
            return;
        }
        // A single cell larger than the spare room: grow (rare; a cell of many megabytes).
        var bigger = ArrayPool<byte>.Shared.Rent(checked(_used + sizeHint + _flushThreshold));
        _buffer.AsSpan(0, _used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
