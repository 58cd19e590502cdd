using Das.Tables.VoTable.Parsing;

namespace Das.Tables.Tests.VoTable;

/// <summary>The TABLEDATA cell pass's 64-byte masks must find what a byte-by-byte search finds, from any position.</summary>
public sealed class MarkupCursorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Markup_and_the_end_of_blanks_are_found_where_a_byte_loop_finds_them(int seed)
    {
        var random = new Random(seed);
        // Bytes drawn mostly from the ones that matter (markup, XML whitespace), in runs long and short, so that
        // answers fall inside a 64-byte window, at its edges, beyond it, and in the tail shorter than a window.
        byte[] alphabet = [(byte)'<', (byte)'&', (byte)' ', (byte)'\n', (byte)'\t', (byte)'\r', (byte)'1', (byte)'x', 0x0B, 0xC3];
        var data = new byte[5_000];
        for (int i = 0; i < data.Length;)
        {
            byte b = alphabet[random.Next(alphabet.Length)];
            int run = random.Next(4) == 0 ? random.Next(1, 150) : random.Next(1, 4);
            for (int k = 0; k < run && i < data.Length; k++)
            {
                data[i++] = b;
            }
        }
        for (int round = 0; round < 2_000; round++)
        {
            int end = random.Next(data.Length + 1);
            var cursor = new MarkupCursor(data);
            // Positions only move forward within one cursor, as in the cell pass.
            for (int i = random.Next(Math.Max(1, end / 4)); i < end; i += 1 + random.Next(40))
            {
                if (random.Next(2) == 0)
                {
                    Assert.Equal(NaiveMarkup(data, i, end), cursor.NextMarkup(i, end));
                }
                else
                {
                    Assert.Equal(NaiveSkipBlank(data, i, end), cursor.SkipBlank(i, end));
                }
            }
        }
    }

    private static int NaiveMarkup(byte[] data, int i, int end)
    {
        for (; i < end; i++)
        {
            if (data[i] is (byte)'<' or (byte)'&')
            {
                return i;
            }
        }
        return -1;
    }

    private static int NaiveSkipBlank(byte[] data, int i, int end)
    {
        while (i < end && data[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }
        return i;
    }
}
