using System.Numerics;
using Das.Tables.Columns;

namespace Das.Tables.Tests.VoTable;

/// <summary>
/// One assertion suite run through TABLEDATA, BINARY and BINARY2, for files written by astropy and by STILTS
/// (astropy's test_vo.py idea): same values, same nulls, whatever the serialization.
/// </summary>
public sealed class SerializationSuiteTests
{
    public static TheoryData<string, Serialization> Files()
    {
        var data = new TheoryData<string, Serialization>();
        foreach (var writer in new[] { "astropy", "stilts" })
        {
            data.Add(writer, Serialization.TableData);
            data.Add(writer, Serialization.Binary);
            data.Add(writer, Serialization.Binary2);
        }
        return data;
    }

    private static string FileName(string writer, Serialization serialization) => serialization switch
    {
        Serialization.TableData => $"{writer}_mixed.td.xml",
        Serialization.Binary => $"{writer}_mixed.bin.xml",
        _ => $"{writer}_mixed.b2.xml",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Mixed_table_reads_the_same_in_every_serialization(string writer, Serialization serialization)
    {
        var result = await Fixture.ReadAsync(FileName(writer, serialization));
        Assert.True(result.Succeeded, result.Failure?.Message);
        var table = result.FirstTable();
        Assert.Equal(4, table.RowCount);
        Assert.Equal(12, table.Columns.Count);
        Assert.Null(table.Truncation);

        var id = (ScalarColumn<int>)table.Columns[0];
        Assert.Equal(1, id[0]);
        Assert.True(id.IsNull(1));
        Assert.Equal(4, id[3]);
        Assert.Equal("meta.id;meta.main", id.Field.Ucd);

        var big = (ScalarColumn<long>)table.Columns[1];
        Assert.Equal(9007199254740993L, big[0]);
        Assert.True(big.IsNull(2));
        var small = (ScalarColumn<short>)table.Columns[2];
        Assert.Equal((short)-300, small[0]);
        Assert.True(small.IsNull(3));
        var ubyte = (ScalarColumn<byte>)table.Columns[3];
        Assert.Equal((byte)255, ubyte[1]);
        Assert.True(ubyte.IsNull(2));

        var mag = (ScalarColumn<float>)table.Columns[4];
        Assert.Equal(12.5f, mag[0]);
        Assert.True(mag.IsNull(1));
        Assert.Equal(3.0e-5f, mag[3]);
        Assert.Equal("mag", mag.Field.Unit);

        var ra = (ScalarColumn<double>)table.Columns[5];
        Assert.Equal(334.02, ra[0]);
        Assert.Equal(10.684708333333333, ra[1]);
        Assert.True(ra.IsNull(2));
        Assert.Equal(-1.5e300, ra[3]);
        Assert.Same(ra, table.FindColumnByUcd("pos.eq.ra"));

        var flag = (ScalarColumn<bool>)table.Columns[6];
        Assert.True(flag[0]);
        Assert.False(flag[1]);
        Assert.True(flag.IsNull(2));

        var name = (StringColumn)table.Columns[7];
        Assert.Equal("FRB host", name.GetString(0));
        Assert.Null(name.GetString(2));
        Assert.Equal("x<&>y", name.GetString(3));
        var code = (StringColumn)table.Columns[8];
        Assert.Equal("AB", code.GetString(0));
        Assert.Equal("ABCDEFGH", code.GetString(1));
        Assert.Null(code.GetString(2)); // empty text is null in every serialization
        var label = (StringColumn)table.Columns[9];
        Assert.Equal("Großer Nachbar", label.GetString(0));
        Assert.Equal("α Cen", label.GetString(1));
        Assert.Equal("星団", label.GetString(2));

        var vec = (ArrayColumn<double>)table.Columns[10];
        Assert.Equal([1.0, 2.0, 3.0], vec.GetSpan(0).ToArray());
        Assert.True(double.IsNaN(vec.GetSpan(2)[0]));
        Assert.Equal(-1.0, vec.GetSpan(2)[2]);

        if (writer == "astropy")
        {
            var z = (ScalarColumn<Complex>)table.Columns[11];
            Assert.Equal(new Complex(1, 2), z[0]);
            Assert.Equal(new Complex(0, -3.25), z[2]);
            Assert.Equal(new Complex(1e10, 1e-10), z[3]);
        }
        else
        {
            // STILTS has no complex type: it writes the pair as a double[2].
            var z = (ArrayColumn<double>)table.Columns[11];
            Assert.Equal([0.0, -3.25], z.GetSpan(2).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Trickled_stream_gives_the_same_table_as_the_file(string writer, Serialization serialization)
    {
        var fromFile = (await Fixture.ReadAsync(FileName(writer, serialization))).FirstTable();
        var trickled = (await Fixture.ReadTrickledAsync(FileName(writer, serialization))).FirstTable();
        Assert.Equal(fromFile.RowCount, trickled.RowCount);
        for (int c = 0; c < fromFile.Columns.Count; c++)
        {
            for (int r = 0; r < fromFile.RowCount; r++)
            {
                Assert.Equal(fromFile.Columns[c].GetValue(r), trickled.Columns[c].GetValue(r));
            }
        }
    }
}
