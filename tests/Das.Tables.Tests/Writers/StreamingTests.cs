using Das.Tables.Model;
using Das.Tables.Tests.Interop;
using Das.Tables.Writers;
using Das.Tables.Writers.Csv;
using Das.Tables.Writers.Json;
using Das.Tables.Writers.VoTable;
using Das.Tables.Writers.Xlsx;

namespace Das.Tables.Tests.Writers;

/// <summary>
/// Every writer streams: only asynchronous writes reach the stream (ASP.NET Core forbids synchronous ones), and
/// no single write is much larger than the pooled buffer, so a large table is never held as text.
/// </summary>
public sealed class StreamingTests
{
    public static TheoryData<string> Writers() => ["votable-binary2", "votable-tabledata", "csv", "json", "xlsx"];

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Writers_only_write_asynchronously_in_bounded_chunks(string writer)
    {
        var table = RandomTables.Create(41, rows: writer == "xlsx" ? 2_000 : 20_000);
        var stream = new AsyncOnlyStream();
        await Write(writer, stream, table, TestContext.Current.CancellationToken);

        Assert.True(stream.TotalBytes > 500_000, $"{stream.TotalBytes} bytes written");
        // XLSX is copied from its temporary file in the copy buffer's chunks; the others flush at 64 KiB.
        Assert.True(stream.LargestWrite <= 160 * 1024, $"largest single write {stream.LargestWrite} bytes");
        Assert.True(stream.Writes > 4);
    }

    private static Task Write(string writer, Stream stream, Table table, CancellationToken ct) => writer switch
    {
        "votable-binary2" => VoTableWriter.WriteTableAsync(stream, table, VoTableWriteOptions.Default, ct),
        "votable-tabledata" => VoTableWriter.WriteTableAsync(stream, table, new VoTableWriteOptions { Serialization = VoTableSerialization.TableData }, ct),
        "csv" => CsvWriter.WriteAsync(stream, table, null, ct),
        "json" => TableJsonWriter.WriteSourcesAsync(stream, [new SourceTable { SourceId = "s", Table = table }], null, null, ct),
        _ => XlsxWriter.WriteTableAsync(stream, table, ct),
    };

    /// <summary>A write-only stream that fails on synchronous writes and records write sizes.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        public long TotalBytes { get; private set; }

        public int LargestWrite { get; private set; }

        public int Writes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new InvalidOperationException("synchronous Flush");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous Write");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            TotalBytes += buffer.Length;
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            Writes++;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
