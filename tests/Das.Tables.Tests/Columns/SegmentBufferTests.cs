using Das.Tables.Columns;

namespace Das.Tables.Tests.Columns;

public sealed class SegmentBufferTests
{
    [Fact]
    public void A_few_short_strings_allocate_only_a_first_small_block()
    {
        var buffer = new SegmentBuffer<char>();
        buffer.Add("M31");
        buffer.Add("NGC 224");
        Assert.Equal("NGC 224", new string(buffer[1]));
        Assert.True(buffer.AllocatedBytes < 16 * 1024, $"{buffer.AllocatedBytes} bytes for two short strings");
    }

    [Fact]
    public void Segments_keep_their_text_while_the_first_block_grows_and_new_blocks_start()
    {
        var buffer = new SegmentBuffer<char>();
        var expected = new List<string>();
        // About 3 Mi chars: the first block doubles from its small start to a full block, then two more blocks follow.
        for (int i = 0; i < 150_000; i++)
        {
            string text = "source-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + new string('x', i % 17);
            expected.Add(text);
            if (i % 2 == 0)
            {
                buffer.Add(text);
            }
            else
            {
                var span = buffer.Reserve(text.Length + 5);
                text.CopyTo(span);
                buffer.Commit(text.Length);
            }
        }
        buffer.Add(new string('y', 3_000_000)); // longer than a block: gets a block of its own
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], new string(buffer[i]));
        }
        Assert.Equal(3_000_000, buffer[expected.Count].Length);
    }
}
