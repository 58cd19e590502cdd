using System.Text;
using Das.Tables.VoTable;

namespace Das.Tables.Tests.VoTable;

/// <summary>The TABLEDATA cell scanner: cells of every length, with markup found 64 bytes at a time.</summary>
public sealed class TableDataReaderTests
{
    [Fact]
    public async Task Cells_of_every_length_with_entities_cdata_and_comments_among_plain_ones_are_decoded()
    {
        // Lengths 0..140 put cell ends at every offset of the scanner's 64-byte windows; entities, CDATA, comments,
        // self-closed and whitespace-padded cells appear among long runs of plain cells (in one window or the next).
        var random = new Random(5);
        var expected = new List<(string? Text, double? Number)>();
        var sb = new StringBuilder("<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE><TABLE><FIELD name=\"s\" datatype=\"char\" arraysize=\"*\"/>")
            .Append("<FIELD name=\"x\" datatype=\"double\"/><DATA><TABLEDATA>\n");
        for (int r = 0; r < 6000; r++)
        {
            int length = random.Next(0, 141);
            string plain = new('v', length);
            sb.Append("<TR>");
            switch (random.Next(12))
            {
                case 0:
                    sb.Append("<TD>").Append(plain).Append("&amp;&lt;&#x41;</TD>");
                    expected.Add((plain + "&<A", null));
                    break;
                case 1:
                    sb.Append("<TD><![CDATA[").Append(plain).Append("<b>]]></TD>");
                    expected.Add((plain + "<b>", null));
                    break;
                case 2:
                    sb.Append("<TD>").Append(plain).Append("<!-- c --></TD>");
                    expected.Add((length == 0 ? null : plain, null));
                    break;
                case 3:
                    sb.Append("<TD/>");
                    expected.Add((null, null));
                    break;
                default:
                    sb.Append("<TD>").Append(plain).Append("</TD>");
                    expected.Add((length == 0 ? null : plain, null));
                    break;
            }
            double x = r * 0.37;
            string number = x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            sb.Append(random.Next(4) == 0 ? "<TD> " + number + "\n</TD>" : "<TD>" + number + "</TD>").Append("</TR>\n");
            expected[^1] = (expected[^1].Text, x);
        }
        sb.Append("</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>");
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        foreach (bool twoCores in new[] { false, true })
        {
            var result = await VoTableReader.ReadAsync(new MemoryStream(bytes), new VoTableReaderOptions { UseMultipleCores = twoCores },
                TestContext.Current.CancellationToken);
            Assert.Empty(result.Diagnostics);
            var table = result.FirstTable();
            Assert.Equal(expected.Count, table.RowCount);
            for (int r = 0; r < expected.Count; r++)
            {
                Assert.Equal(expected[r].Text, table.Columns[0].GetValue(r));
                Assert.Equal(expected[r].Number, table.Columns[1].GetValue(r));
            }
        }
    }
}
