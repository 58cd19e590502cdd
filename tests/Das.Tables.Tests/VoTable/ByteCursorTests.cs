using Das.Tables.VoTable.Parsing;

namespace Das.Tables.Tests.VoTable;

public sealed class ByteCursorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Finds_what_IndexOfAny_finds_for_every_query_pattern(int seed)
    {
        var random = new Random(seed);
        byte[] alphabet = [(byte)'a', (byte)'b', (byte)',', (byte)'\n', (byte)'\r', (byte)'x', (byte)'<', (byte)'&'];
        for (int trial = 0; trial < 200; trial++)
        {
            int length = random.Next(0, 700);
            var data = new byte[length + random.Next(0, 80)]; // bytes past `end` must never be reported
            for (int k = 0; k < data.Length; k++)
            {
                // Sparse or dense hits, so windows without any hit occur too.
                data[k] = random.Next(trial % 4 == 0 ? 200 : 6) == 0 ? alphabet[2 + random.Next(3)] : alphabet[random.Next(alphabet.Length)];
            }
            int start = length == 0 ? 0 : random.Next(length);
            var cursor = new ByteCursor(data, (byte)',', (byte)'\n', (byte)'\r');
            int i = start;
            while (i <= length)
            {
                int found = cursor.Next(i, length);
                int expected = data.AsSpan(i, length - i).IndexOfAny((byte)',', (byte)'\n', (byte)'\r');
                Assert.Equal(expected < 0 ? -1 : i + expected, found);
                if (found < 0)
                {
                    break;
                }
                // Step past the hit, or jump ahead as a quoted field does.
                i = random.Next(5) == 0 ? Math.Min(length, found + 1 + random.Next(150)) : found + 1;
            }
        }
    }
}
