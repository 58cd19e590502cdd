using System.Globalization;

namespace Das.Vo.Http;

/// <summary>
/// Wraps a response body so that a dropped connection or the time budget running out ends the stream instead of
/// throwing: the parser keeps every row it read, and <see cref="Fault"/> says why the data stopped, so nothing is
/// lost silently. The caller's own cancellation still throws.
/// </summary>
internal sealed class GuardedBodyStream : Stream
{
    private readonly Stream _inner;
    private readonly CancellationToken _budget;
    private readonly CancellationToken _caller;

    public GuardedBodyStream(Stream inner, CancellationToken budget, CancellationToken caller)
    {
        _inner = inner;
        _budget = budget;
        _caller = caller;
    }

    public BodyFault? Fault { get; private set; }

    public long BytesRead { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Fault is not null)
        {
            return 0;
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _budget, _caller);
        try
        {
            int n = await _inner.ReadAsync(buffer, linked.Token);
            BytesRead += n;
            return n;
        }
        catch (OperationCanceledException) when (_budget.IsCancellationRequested && !_caller.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Fault = new BodyFault(BodyFaultKind.Timeout, $"the time budget ran out after {Size(BytesRead)} of the answer", BytesRead);
            return 0;
        }
        catch (IOException ex) when (!_caller.IsCancellationRequested)
        {
            Fault = new BodyFault(BodyFaultKind.ConnectionLost, $"the connection dropped after {Size(BytesRead)} of the answer ({ex.Message})", BytesRead);
            return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    internal static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " kB",
        _ => (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
