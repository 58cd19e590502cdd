using Das.Tables.Writers.VoTable;

namespace Das.Tables.Tests.Interop;

/// <summary>The comparison used by every interop test accepts a table against itself, so a failure is the file's fault.</summary>
public sealed class TableDumpTests
{
    [Theory]
    [InlineData(WrittenAs.Binary2)]
    [InlineData(WrittenAs.Json)]
    public void A_random_table_matches_its_own_dump(WrittenAs mode)
    {
        var table = RandomTables.Create(31, rows: 200);
        TableAssert.SameCells(table, TableDump.ToJson(table), mode);
    }

    [Fact]
    public void A_changed_cell_is_reported_with_its_row_and_column()
    {
        var table = RandomTables.Create(32, rows: 5);
        var other = RandomTables.Create(33, rows: 5);
        var error = Assert.ThrowsAny<Exception>(() => TableAssert.SameCells(table, TableDump.ToJson(other), WrittenAs.Binary2));
        Assert.Contains("row 0, column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_sources_with_the_same_ids_get_unique_ids_and_refs_stay_inside_each_source()
    {
        // Every source has FIELD ID="ra" and a GROUP referring to it: merged naively, the IDs would collide.
        var ct = TestContext.Current.CancellationToken;
        var first = SampleDocuments.EveryElement();
        var second = SampleDocuments.EveryElement();
        var merged = first with { Resources = [.. first.Resources, .. second.Resources] };
        string path = TempFiles.NewPath("duplicate-ids.vot");
        await using (var file = File.Create(path))
        {
            await VoTableWriter.WriteAsync(file, merged, new VoTableWriteOptions { Serialization = VoTableSerialization.TableData }, ct);
        }

        await Votlint.AssertCleanAsync(path, ct);
        string xml = await File.ReadAllTextAsync(path, ct);
        Assert.Contains("<FIELD name=\"ra\" ID=\"ra\"", xml, StringComparison.Ordinal);
        Assert.Contains("<FIELD name=\"ra\" ID=\"ra_2\"", xml, StringComparison.Ordinal);
        Assert.Contains("<FIELDref ref=\"ra_2\"/>", xml, StringComparison.Ordinal);
        Assert.Contains("ref=\"icrs_2\"", xml, StringComparison.Ordinal);
    }
}
