using System.Text;
using Das.Tables.VoTable;

namespace Das.Tables.Tests.VoTable;

/// <summary>Documents with several tables (VizieR sends one RESOURCE per catalogue): each table keeps its own rows.</summary>
public sealed class MultiTableTests
{
    private static string Table(string name, int rows) =>
        $"<RESOURCE name=\"{name}\"><TABLE name=\"{name}\"><FIELD name=\"x\" datatype=\"int\"/><FIELD name=\"s\" datatype=\"char\" arraysize=\"*\"/><DATA><TABLEDATA>\n" +
        string.Concat(Enumerable.Range(0, rows).Select(i => $"    <TR><TD>{i}</TD><TD>{name}-{i}</TD></TR>\n")) +
        "   </TABLEDATA></DATA></TABLE></RESOURCE>\n";

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(5000, 3)]
    public async Task Pretty_printed_tabledata_tables_in_one_document_keep_their_own_rows(int rows, int tables)
    {
        var xml = "<?xml version=\"1.0\"?>\n<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\">\n" +
            string.Concat(Enumerable.Range(0, tables).Select(t => Table("t" + t, rows + t))) + "</VOTABLE>\n";
        var result = await VoTableReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), null, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Failure?.Message);
        var read = result.Document!.AllTables().ToList();
        Assert.Equal(tables, read.Count);
        for (int t = 0; t < tables; t++)
        {
            Assert.Equal(rows + t, read[t].RowCount);
            Assert.Equal($"t{t}-{rows + t - 1}", read[t].FindColumn("s")!.GetValue(rows + t - 1));
            Assert.False(read[t].IsTruncated);
        }
    }
}
