using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.Writers.VoTable;

namespace Das.Tables.Tests.Interop;

/// <summary>Cells that do not fit their declared shape (remote data is not always consistent) still give valid files.</summary>
public sealed class ShapeRepairTests
{
    [Theory]
    [InlineData(VoTableSerialization.TableData)]
    [InlineData(VoTableSerialization.Binary2)]
    public async Task Fixed_arrays_are_padded_or_cut_and_overflowing_bounds_widened(VoTableSerialization serialization)
    {
        var ct = TestContext.Current.CancellationToken;
        var fixedArray = new ArrayColumn<double>(new Field { Name = "v", DataType = VoDataType.Double, ArraySize = ArraySize.Fixed(3) });
        var bounded = new ArrayColumn<short>(new Field { Name = "b", DataType = VoDataType.Short, ArraySize = ArraySize.Bounded(2) });
        var steps = new ArrayColumn<int>(new Field { Name = "m", DataType = VoDataType.Int, ArraySize = ArraySize.Parse("2x*") });
        fixedArray.Append([1, 2]);          // too short: padded with NaN
        fixedArray.Append([1, 2, 3, 4]);    // too long: cut
        bounded.Append([1, 2, 3, 4, 5]);    // beyond its bound of 2: the field becomes "*"
        bounded.Append([7]);
        steps.Append([1, 2, 3]);            // not a whole number of steps of 2: padded
        steps.AppendNull();
        var table = new Table([fixedArray, bounded, steps]) { Name = "shapes" };
        string path = TempFiles.NewPath($"shapes-{serialization}.vot");
        await using (var file = File.Create(path))
        {
            await VoTableWriter.WriteTableAsync(file, table, new VoTableWriteOptions { Serialization = serialization }, ct);
        }

        await Votlint.AssertCleanAsync(path, ct);
        var dump = await Astropy.ReadAsync("votable", path, ct);
        var rows = dump.GetProperty("tables")[0].GetProperty("rows");
        var padded = rows[0][0];
        Assert.Equal([1.0, 2.0], padded.EnumerateArray().Take(2).Select(e => e.GetDouble()));
        Assert.True(padded[2].ValueKind == System.Text.Json.JsonValueKind.Null || padded[2].GetString() == "NaN");
        Assert.Equal(3, rows[1][0].GetArrayLength());
        Assert.Equal(5, rows[0][1].GetArrayLength());
        // TABLEDATA keeps "2x*" and pads to whole steps; BINARY2 declares it flattened ("*"), so nothing is added.
        Assert.Equal(serialization == VoTableSerialization.TableData ? 4 : 3, rows[0][2].GetArrayLength());
        string xml = await File.ReadAllTextAsync(path, ct);
        Assert.Contains("<FIELD name=\"b\" datatype=\"short\" arraysize=\"*\"/>", xml, StringComparison.Ordinal);
    }
}
