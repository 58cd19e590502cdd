using Das.Tables.Columns;

namespace Das.Tables.Tests.Columns;

public sealed class ChunkedBufferTests
{
    [Fact]
    public void Values_cross_the_small_to_large_chunk_boundary_intact()
    {
        var buffer = new ChunkedBuffer<long>();
        int n = ChunkedBuffer<long>.SmallCapacity + ChunkedBuffer<long>.BigSize + 5000;
        // Single appends and ranges that straddle both kinds of chunk boundary.
        var range = new long[100_003];
        int next = 0;
        while (next < n)
        {
            if (next % 3 == 0)
            {
                int count = Math.Min(range.Length, n - next);
                for (int k = 0; k < count; k++)
                {
                    range[k] = next + k;
                }
                buffer.AddRange(range.AsSpan(0, count));
                next += count;
            }
            else
            {
                buffer.Add(next++);
            }
        }
        Assert.Equal(n, buffer.Count);
        foreach (int i in new[] { 0, ChunkedBuffer<long>.ChunkSize - 1, ChunkedBuffer<long>.ChunkSize, ChunkedBuffer<long>.SmallCapacity - 1,
            ChunkedBuffer<long>.SmallCapacity, ChunkedBuffer<long>.SmallCapacity + ChunkedBuffer<long>.BigSize - 1,
            ChunkedBuffer<long>.SmallCapacity + ChunkedBuffer<long>.BigSize, n - 1 })
        {
            Assert.Equal(i, buffer[i]);
        }
        var copy = new long[3000];
        buffer.CopyTo(ChunkedBuffer<long>.SmallCapacity - 1500, copy);
        Assert.Equal(Enumerable.Range(ChunkedBuffer<long>.SmallCapacity - 1500, 3000).Select(i => (long)i), copy);
        buffer.CopyTo(ChunkedBuffer<long>.SmallCapacity + ChunkedBuffer<long>.BigSize - 1500, copy);
        Assert.Equal(ChunkedBuffer<long>.SmallCapacity + ChunkedBuffer<long>.BigSize - 1500L, copy[0]);
        Assert.Equal(ChunkedBuffer<long>.SmallCapacity + ChunkedBuffer<long>.BigSize + 1499L, copy[^1]);

        long expected = 0;
        foreach (var chunk in buffer.Chunks())
        {
            foreach (long v in chunk.Span)
            {
                Assert.Equal(expected++, v);
            }
        }
        Assert.Equal(n, expected);
        Assert.Equal(n * 8L, buffer.UsedBytes);
        Assert.True(buffer.AllocatedBytes >= buffer.UsedBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer[n]);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.CopyTo(n - 10, copy));
    }

    [Fact]
    public void Large_chunks_are_8_MiB_whatever_the_element_size()
    {
        Assert.Equal(8 << 20, ChunkedBuffer<byte>.BigSize);
        Assert.Equal(1 << 20, ChunkedBuffer<double>.BigSize);
        Assert.Equal(1 << 19, ChunkedBuffer<System.Numerics.Complex>.BigSize);
    }

    [Fact]
    public void A_short_column_allocates_only_a_first_small_chunk()
    {
        var buffer = new ChunkedBuffer<double>();
        for (int i = 0; i < 10; i++)
        {
            buffer.Add(i);
        }
        Assert.Equal(ChunkedBuffer<double>.FirstCapacity * 8L, buffer.AllocatedBytes);
        buffer[3] = 42;
        Assert.Equal(42, buffer[3]);
    }

    [Fact]
    public void The_first_chunk_doubles_up_to_a_full_chunk_keeping_its_values()
    {
        var buffer = new ChunkedBuffer<int>();
        for (int i = 0; i < ChunkedBuffer<int>.ChunkSize + 1; i++)
        {
            buffer.Add(i);
            if (i == ChunkedBuffer<int>.FirstCapacity)
            {
                Assert.Equal(ChunkedBuffer<int>.FirstCapacity * 2 * 4L, buffer.AllocatedBytes);
            }
        }
        Assert.Equal((ChunkedBuffer<int>.ChunkSize * 2) * 4L, buffer.AllocatedBytes);
        Assert.Equal(2, buffer.Chunks().Count());
        for (int i = 0; i < buffer.Count; i++)
        {
            Assert.Equal(i, buffer[i]);
        }
    }

    [Theory]
    [InlineData(10, 200_000)]
    [InlineData(200_000, 10)]
    [InlineData(300_000, 700_000)]
    [InlineData(70_000, 70_000)]
    public void A_cleared_buffer_refills_its_kept_chunks_with_the_new_values(int first, int second)
    {
        var buffer = new ChunkedBuffer<long>();
        for (int i = 0; i < first; i++)
        {
            buffer.Add(-i);
        }
        long allocated = buffer.AllocatedBytes;
        buffer.Clear();
        Assert.Equal(0, buffer.Count);
        Assert.Empty(buffer.Chunks());
        for (int i = 0; i < second; i++)
        {
            buffer.Add(i * 3L);
        }

        Assert.Equal(second, buffer.Count);
        Assert.Equal(Enumerable.Range(0, second).Select(i => i * 3L), buffer.Chunks().SelectMany(c => c.ToArray()));
        Assert.Equal(second - 1, (int)(buffer[second - 1] / 3));
        var copy = new long[second];
        buffer.CopyTo(0, copy);
        Assert.Equal(copy[^1], buffer[second - 1]);
        if (second <= first)
        {
            Assert.True(buffer.AllocatedBytes <= allocated, "no new chunk while the kept ones suffice");
        }
    }
}
