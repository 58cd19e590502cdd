using Das.Tables.Model;
using Das.Tables.VoTable;

namespace Das.Tables.Tests.VoTable;

/// <summary>Finds fixtures next to the tests and reads them through both entry points.</summary>
internal static class Fixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "VoTable", "Fixtures", name);

    public static Task<VoTableReadResult> ReadAsync(string name, VoTableReaderOptions? options = null) =>
        VoTableReader.ReadFileAsync(PathOf(name), options, TestContext.Current.CancellationToken);

    /// <summary>Reads through a stream that hands out a few bytes per read, to exercise every buffer boundary.</summary>
    public static async Task<VoTableReadResult> ReadTrickledAsync(string name, VoTableReaderOptions? options = null)
    {
        var bytes = await File.ReadAllBytesAsync(PathOf(name), TestContext.Current.CancellationToken);
        using var stream = new TrickleStream(bytes);
        return await VoTableReader.ReadAsync(stream, options, TestContext.Current.CancellationToken);
    }

    public static Table FirstTable(this VoTableReadResult result)
    {
        Assert.NotNull(result.Document);
        var table = result.Document.FirstResultsTable();
        Assert.NotNull(table);
        return table;
    }
}

/// <summary>A read-only stream returning 1 to 7 bytes per read (and optionally failing at a point).</summary>
internal sealed class TrickleStream(byte[] data, int failAt = -1) : Stream
{
    private int _position;
    private int _turn;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => data.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (failAt >= 0 && _position >= failAt)
        {
            throw new IOException("connection reset by peer");
        }
        int n = Math.Min(Math.Min(buffer.Length, 1 + (_turn++ % 7)), data.Length - _position);
        if (failAt >= 0)
        {
            n = Math.Min(n, failAt - _position);
        }
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
