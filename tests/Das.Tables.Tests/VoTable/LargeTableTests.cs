using System.Buffers.Binary;
using System.Text;
using Das.Tables.Model;
using Das.Tables.Tests.Interop;
using Das.Tables.VoTable;

namespace Das.Tables.Tests.VoTable;

/// <summary>Tables large enough to take the two-thread paths, checked against the one-thread result.</summary>
public sealed class LargeTableTests
{
    private const int Rows = 20_000;

    private static string Fields => """
        <FIELD name="id" datatype="long"/><FIELD name="x" datatype="double"/><FIELD name="f" datatype="float"/>
        <FIELD name="n" datatype="short"><VALUES null="-1"/></FIELD><FIELD name="name" datatype="char" arraysize="*"/>
        <FIELD name="u" datatype="unicodeChar" arraysize="*"/><FIELD name="ok" datatype="boolean"/>
        """;

    private static string Document(string data) =>
        $"<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE><TABLE>{Fields}<DATA>{data}</DATA></TABLE></RESOURCE></VOTABLE>";

    private static string TableData(int rows = Rows)
    {
        var sb = new StringBuilder("<TABLEDATA>\n");
        for (int i = 0; i < rows; i++)
        {
            sb.Append("<TR><TD>").Append(i).Append("</TD><TD>").Append((i * 0.1).ToString("R", System.Globalization.CultureInfo.InvariantCulture))
              .Append("</TD><TD>").Append(i % 7 == 0 ? "NaN" : (i * 0.5f).ToString("R", System.Globalization.CultureInfo.InvariantCulture))
              .Append("</TD><TD>").Append(i % 5 == 0 ? "-1" : (i % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture))
              .Append("</TD><TD>n").Append(i).Append("</TD><TD>ü").Append(i % 13).Append("</TD><TD>").Append(i % 3 == 0 ? "T" : "F").Append("</TD></TR>\n");
        }
        return sb.Append("</TABLEDATA>").ToString();
    }

    private static string Binary2(int rows = Rows, int badRow = -1)
    {
        using var ms = new MemoryStream();
        Span<byte> b = stackalloc byte[8];
        for (int i = 0; i < rows; i++)
        {
            ms.WriteByte(i % 7 == 0 ? (byte)0x20 : (byte)0); // column 2 (f) null
            BinaryPrimitives.WriteInt64BigEndian(b, i); ms.Write(b[..8]);
            BinaryPrimitives.WriteDoubleBigEndian(b, i * 0.1); ms.Write(b[..8]);
            BinaryPrimitives.WriteSingleBigEndian(b, i * 0.5f); ms.Write(b[..4]);
            BinaryPrimitives.WriteInt16BigEndian(b, (short)(i % 5 == 0 ? -1 : i % 1000)); ms.Write(b[..2]);
            var name = Encoding.ASCII.GetBytes("n" + i);
            BinaryPrimitives.WriteInt32BigEndian(b, i == badRow ? -5 : name.Length); ms.Write(b[..4]); ms.Write(name);
            var u = Encoding.BigEndianUnicode.GetBytes("ü" + (i % 13));
            BinaryPrimitives.WriteInt32BigEndian(b, u.Length / 2); ms.Write(b[..4]); ms.Write(u);
            ms.WriteByte(i % 3 == 0 ? (byte)'T' : (byte)'F');
        }
        return "<BINARY2><STREAM encoding=\"base64\">" + Convert.ToBase64String(ms.ToArray(), Base64FormattingOptions.InsertLineBreaks) + "</STREAM></BINARY2>";
    }

    /// <summary>The document read from memory on one thread, and from a file on two.</summary>
    private static async Task<(VoTableReadResult Streamed, VoTableReadResult FromFile)> ReadFromMemoryAndFileAsync(byte[] xml, string fileName)
    {
        string path = TempFiles.NewPath(fileName);
        await File.WriteAllBytesAsync(path, xml, TestContext.Current.CancellationToken);
        var streamed = await VoTableReader.ReadAsync(new MemoryStream(xml), new VoTableReaderOptions { UseMultipleCores = false }, TestContext.Current.CancellationToken);
        var fromFile = await VoTableReader.ReadFileAsync(path, new VoTableReaderOptions { UseMultipleCores = true }, TestContext.Current.CancellationToken);
        return (streamed, fromFile);
    }

    /// <summary>Same row count, null counts and cells (every <paramref name="rowStep"/>th row).</summary>
    private static void AssertSameCells(Table expected, Table actual, int rowStep = 1)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (int c = 0; c < expected.Columns.Count; c++)
        {
            Assert.Equal(expected.Columns[c].NullCount, actual.Columns[c].NullCount);
            for (int r = 0; r < expected.RowCount; r += rowStep)
            {
                Assert.Equal(expected.Columns[c].GetValue(r), actual.Columns[c].GetValue(r));
            }
        }
    }

    [Theory]
    [InlineData(Serialization.TableData)]
    [InlineData(Serialization.Binary2)]
    public async Task Two_threads_give_the_same_table_as_one(Serialization serialization)
    {
        var xml = Encoding.UTF8.GetBytes(Document(serialization == Serialization.TableData ? TableData() : Binary2()));
        var one = await VoTableReader.ReadAsync(new MemoryStream(xml), new VoTableReaderOptions { UseMultipleCores = false }, TestContext.Current.CancellationToken);
        var two = await VoTableReader.ReadAsync(new MemoryStream(xml), new VoTableReaderOptions { UseMultipleCores = true }, TestContext.Current.CancellationToken);
        Table a = one.FirstTable(), b = two.FirstTable();
        Assert.Equal(Rows, a.RowCount);
        Assert.Empty(two.Diagnostics);
        AssertSameCells(a, b, rowStep: 101);
        Assert.Equal(19_999 * 0.1, b.Columns[1].GetValue(19_999));
        Assert.Equal("ü5", b.Columns[5].GetValue(18));
        Assert.Null(b.Columns[3].GetValue(5));
        Assert.Null(b.Columns[2].GetValue(7));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_binary2_file_read_while_its_next_bytes_are_fed_ahead_gives_the_stream_reads_table(bool cutInsideTheData)
    {
        // From a file the reader decodes each buffer's last batch while the feed fills a second buffer (4 MB of rows:
        // several refills); read from a stream it does not. Both must give the same cells, also when the file ends early.
        const int rows = 100_000;
        var xml = Encoding.UTF8.GetBytes(Document(Binary2(rows)));
        if (cutInsideTheData)
        {
            xml = xml[..(xml.Length * 3 / 5)];
        }
        var (streamed, fromFile) = await ReadFromMemoryAndFileAsync(xml, "feed-ahead.vot");
        Table a = streamed.FirstTable(), b = fromFile.FirstTable();
        Assert.Equal(cutInsideTheData ? a.RowCount : rows, b.RowCount);
        Assert.Equal(a.Truncation?.Reason, b.Truncation?.Reason);
        Assert.Equal(cutInsideTheData, b.IsTruncated);
        AssertSameCells(a, b);
        Assert.Equal("n" + (b.RowCount - 1), b.Columns[4].GetValue(b.RowCount - 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_tabledata_file_read_in_split_halves_gives_the_stream_reads_table_and_line_numbers(bool cutInsideTheData)
    {
        // From a file, reads of 256 KiB or more fetch two halves at once and the newlines leaving the window are
        // counted in two halves; a bad cell far into the file must still get the line a one-thread stream read gives.
        const int rows = 60_000;
        string data = TableData(rows);
        int bad = data.IndexOf("<TD>n55000</TD>", StringComparison.Ordinal);
        int rowEnd = data.IndexOf("</TR>", bad, StringComparison.Ordinal);
        Assert.Equal("<TD>F</TD>", data[(rowEnd - 10)..rowEnd]); // row 55,000's boolean
        data = data[..(rowEnd - 10)] + "<TD>maybe</TD>" + data[rowEnd..];
        var xml = Encoding.UTF8.GetBytes(Document(data));
        if (cutInsideTheData)
        {
            xml = xml[..(xml.Length * 19 / 20)];
        }
        var (streamed, fromFile) = await ReadFromMemoryAndFileAsync(xml, "split-halves.vot");
        Table a = streamed.FirstTable(), b = fromFile.FirstTable();
        Assert.Equal(cutInsideTheData ? a.RowCount : rows, b.RowCount);
        Assert.Equal(cutInsideTheData, b.IsTruncated);
        AssertSameCells(a, b, rowStep: 7);
        var expected = Assert.Single(streamed.Diagnostics, d => d.Row == 55_000);
        var actual = Assert.Single(fromFile.Diagnostics, d => d.Row == 55_000);
        Assert.Equal(55_004, expected.Line); // three lines of header (FIELDs, then "<TABLEDATA>"), then one row per line
        Assert.Equal((expected.Line, expected.Column, expected.ByteOffset), (actual.Line, actual.Column, actual.ByteOffset));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tables_that_follow_each_other_in_one_window_each_end_at_their_own_end_tag(bool multipleCores)
    {
        // VizieR sends one TABLE per catalogue: a window holds the end of one table's rows and the next table's. The
        // cell pass stops at </TABLEDATA>; with two threads the second half of a block can start in the next table.
        string small = "<TABLEDATA>" + string.Concat(Enumerable.Range(0, 9000).Select(i => $"<TR><TD>{i}</TD><TD>s{i}</TD></TR>\n")) + "</TABLEDATA>";
        string xml = "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE>"
            + $"<TABLE>{Fields}<DATA>{TableData(600)}</DATA></TABLE>"
            + "<TABLE><FIELD name=\"k\" datatype=\"int\"/><FIELD name=\"s\" datatype=\"char\" arraysize=\"*\"/>"
            + $"<DATA>{small}</DATA></TABLE>"
            + $"<TABLE>{Fields}<DATA>{TableData(700)}</DATA></TABLE></RESOURCE></VOTABLE>";
        string path = TempFiles.NewPath("consecutive-tables.vot");
        await File.WriteAllTextAsync(path, xml, TestContext.Current.CancellationToken);
        var result = await VoTableReader.ReadFileAsync(path, new VoTableReaderOptions { UseMultipleCores = multipleCores }, TestContext.Current.CancellationToken);
        Assert.Empty(result.Diagnostics);
        var tables = result.Document!.AllTables().ToList();
        Assert.Equal([600, 9000, 700], tables.Select(t => t.RowCount));
        Assert.All(tables, t => Assert.False(t.IsTruncated));
        Assert.Equal("n599", tables[0].Columns[4].GetValue(599));
        Assert.Equal(8999, tables[1].Columns[0].GetValue(8999));
        Assert.Equal("s0", tables[1].Columns[1].GetValue(0));
        Assert.Equal("n699", tables[2].Columns[4].GetValue(699));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Binary2_rows_found_ahead_of_their_batch_obey_the_row_cap_and_stop_at_an_invalid_row(bool multipleCores)
    {
        // With two threads the rows of the next batch are found while this batch is decoded: a row cap inside that
        // next batch, and a negative array length in it, must end the table where a one-thread read ends it.
        var xml = Encoding.UTF8.GetBytes(Document(Binary2(100_000)));
        var options = new VoTableReaderOptions { UseMultipleCores = multipleCores, MaxRows = 77_777 };
        var capped = await VoTableReader.ReadAsync(new MemoryStream(xml), options, TestContext.Current.CancellationToken);
        var table = capped.FirstTable();
        Assert.Equal(77_777, table.RowCount);
        Assert.Equal(TruncationReason.RowCap, table.Truncation?.Reason);
        Assert.All(table.Columns, c => Assert.Equal(77_777, c.Count));
        Assert.Equal("n77776", table.Columns[4].GetValue(77_776));

        xml = Encoding.UTF8.GetBytes(Document(Binary2(100_000, badRow: 60_000)));
        var bad = await VoTableReader.ReadAsync(new MemoryStream(xml), options with { MaxRows = null }, TestContext.Current.CancellationToken);
        var one = await VoTableReader.ReadAsync(new MemoryStream(xml), options with { MaxRows = null, UseMultipleCores = false }, TestContext.Current.CancellationToken);
        table = bad.FirstTable();
        Assert.True(table.IsTruncated);
        Assert.InRange(table.RowCount, 1, 60_000);
        Assert.Equal(one.FirstTable().RowCount, table.RowCount);
        Assert.All(table.Columns, c => Assert.Equal(table.RowCount, c.Count));
        Assert.Contains(bad.Diagnostics, d => d.Message.Contains("row 60000 has a negative array length", StringComparison.Ordinal));
    }
}
