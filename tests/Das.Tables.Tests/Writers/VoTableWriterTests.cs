using System.Buffers.Binary;
using System.Text;
using System.Xml;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.Tests.Interop;
using Das.Tables.Writers.VoTable;

namespace Das.Tables.Tests.Writers;

public sealed class VoTableWriterTests
{
    private static async Task<string> WriteAsync(Table table, VoTableWriteOptions options)
    {
        using var stream = new MemoryStream();
        await VoTableWriter.WriteTableAsync(stream, table, options, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Tabledata_writes_nulls_as_empty_or_element_nulls_and_escapes_text()
    {
        var i = new ScalarColumn<int>(new Field { Name = "i", DataType = VoDataType.Int });
        var ia = new ArrayColumn<int>(new Field { Name = "ia", DataType = VoDataType.Int, ArraySize = ArraySize.Fixed(2) });
        var s = new StringColumn(new Field { Name = "s", DataType = VoDataType.Char, ArraySize = ArraySize.Variable });
        i.AppendNull();
        ia.AppendNull();
        s.Append("a<b & \"c\"\u0001");
        string xml = await WriteAsync(new Table([i, ia, s]), new VoTableWriteOptions { Serialization = VoTableSerialization.TableData });

        Assert.Contains("<VALUES null=\"-2147483648\"/>", xml, StringComparison.Ordinal);
        Assert.Contains("<TR><TD/><TD>-2147483648 -2147483648</TD><TD>a&lt;b &amp; \"c\"\uFFFD</TD></TR>", xml, StringComparison.Ordinal);
        Assert.Contains("<VOTABLE version=\"1.4\"", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary2_rows_have_a_null_bitmask_and_big_endian_cells()
    {
        var d = new ScalarColumn<double>(new Field { Name = "d", DataType = VoDataType.Double });
        var s = new StringColumn(new Field { Name = "s", DataType = VoDataType.UnicodeChar, ArraySize = ArraySize.Variable });
        d.Append(1.5);
        s.AppendNull();
        string xml = await WriteAsync(new Table([d, s]), VoTableWriteOptions.Default);

        int start = xml.IndexOf("encoding=\"base64\">", StringComparison.Ordinal) + "encoding=\"base64\">".Length;
        int end = xml.IndexOf("</STREAM>", StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(xml[start..end]);
        Assert.Equal(0b0100_0000, bytes[0]);                                    // second column null
        Assert.Equal(1.5, BinaryPrimitives.ReadDoubleBigEndian(bytes.AsSpan(1))); // then the double
        Assert.Equal(0, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(9)));    // an empty variable array
        Assert.Equal(13, bytes.Length);
    }

    [Fact]
    public async Task Base64_lines_are_wrapped_at_the_requested_length()
    {
        var table = RandomTables.Create(21, rows: 200);
        string xml = await WriteAsync(table, new VoTableWriteOptions { Base64LineLength = 64 });
        int start = xml.IndexOf("encoding=\"base64\">", StringComparison.Ordinal) + "encoding=\"base64\">".Length;
        int end = xml.IndexOf("</STREAM>", StringComparison.Ordinal);
        var lines = xml[start..end].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length > 10);
        Assert.All(lines[..^1], l => Assert.Equal(64, l.Length));
    }

    [Theory]
    [InlineData(VoTableSerialization.TableData)]
    [InlineData(VoTableSerialization.Binary2)]
    public async Task Hostile_text_still_gives_well_formed_xml(VoTableSerialization serialization)
    {
        string xml = await WriteDocumentAsync(SampleDocuments.Hostile(), serialization);
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { CheckCharacters = true });
        while (reader.Read())
        {
        }
        Assert.Contains("ID=\"_2MASS_J\"", xml, StringComparison.Ordinal);
        Assert.Contains("<PARAM name=\"maxrec\" datatype=\"char\" arraysize=\"*\" value=\"N/A\"/>", xml, StringComparison.Ordinal);
        Assert.Contains("<PARAM name=\"pair\" datatype=\"float\" arraysize=\"2\" value=\"1.5 NaN\"/>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("ref=\"nowhere\"", xml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5", null, "1.5")]
    [InlineData("1.3", null, "1.4")]
    [InlineData("1.5", VoTableVersion.Version14, "1.4")]
    [InlineData("1.4", VoTableVersion.Version15, "1.5")]
    public async Task Version_comes_from_the_options_else_the_document_and_the_namespace_stays_1_3(string documentVersion, VoTableVersion? option, string written)
    {
        var document = new VoTableDocument { Version = documentVersion };
        using var stream = new MemoryStream();
        await VoTableWriter.WriteAsync(stream, document, new VoTableWriteOptions { Version = option }, TestContext.Current.CancellationToken);
        string xml = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains($"<VOTABLE version=\"{written}\"", xml, StringComparison.Ordinal);
        Assert.Contains("xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"", xml, StringComparison.Ordinal);
        Assert.Contains("<RESOURCE type=\"results\"/>", xml, StringComparison.Ordinal); // the schema needs one
    }

    [Fact]
    public async Task Cancellation_stops_between_rows()
    {
        var table = RandomTables.Create(22, rows: 20_000);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            VoTableWriter.WriteTableAsync(Stream.Null, table, VoTableWriteOptions.Default, cts.Token));
    }

    private static async Task<string> WriteDocumentAsync(VoTableDocument document, VoTableSerialization serialization)
    {
        using var stream = new MemoryStream();
        await VoTableWriter.WriteAsync(stream, document, new VoTableWriteOptions { Serialization = serialization }, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
