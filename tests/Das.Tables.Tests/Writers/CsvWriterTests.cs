using System.Text;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.Writers.Csv;

namespace Das.Tables.Tests.Writers;

public sealed class CsvWriterTests
{
    [Fact]
    public async Task Quotes_only_when_needed_nulls_empty_arrays_space_separated_no_bom()
    {
        var s = new StringColumn(new Field { Name = "na,me", DataType = VoDataType.UnicodeChar, ArraySize = ArraySize.Variable });
        var d = new ScalarColumn<double>(new Field { Name = "d", DataType = VoDataType.Double });
        var f = new ScalarColumn<float>(new Field { Name = "f", DataType = VoDataType.Float });
        var a = new ArrayColumn<int>(new Field { Name = "a", DataType = VoDataType.Int, ArraySize = ArraySize.Variable });
        s.Append("say \"hi\", Ω");
        s.Append("");
        s.AppendNull();
        d.Append(0.1);
        d.Append(double.NegativeInfinity);
        d.AppendNull();
        f.Append(0.1f);
        f.Append(float.NaN);
        f.Append(1e-7f);
        a.Append([1, -2, 3]);
        a.AppendNull();
        a.Append([]);
        using var stream = new MemoryStream();
        await CsvWriter.WriteAsync(stream, new Table([s, d, f, a]), null, TestContext.Current.CancellationToken);

        var bytes = stream.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal(
            "\"na,me\",d,f,a\r\n\"say \"\"hi\"\", Ω\",0.1,0.1,\"1 -2 3\"\r\n\"\",-Infinity,NaN,\r\n,,1E-07,\"\"\r\n",
            Encoding.UTF8.GetString(bytes));
    }
}
