using System.Text.Json;
using Das.Tables.Model;
using Das.Tables.Writers;
using Das.Tables.Writers.VoTable;

namespace Das.Tables.Tests.Interop;

/// <summary>
/// Every VOTable Das writes passes STILTS votlint without a message, and astropy reads back the same cells.
/// The lead can add a third check here once <c>VoTableReader</c> lands: read the same file and call
/// <see cref="TableAssert.SameCells"/> on a dump of its cells.
/// </summary>
public sealed class VoTableInteropTests
{
    public static TheoryData<VoTableSerialization, VoTableVersion, int> Cases()
    {
        var data = new TheoryData<VoTableSerialization, VoTableVersion, int>();
        foreach (var serialization in new[] { VoTableSerialization.TableData, VoTableSerialization.Binary2 })
        {
            foreach (int seed in new[] { 1, 2 })
            {
                data.Add(serialization, seed == 1 ? VoTableVersion.Version14 : VoTableVersion.Version15, seed);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Random_table_passes_votlint_and_astropy_reads_the_same_cells(VoTableSerialization serialization, VoTableVersion version, int seed)
    {
        var ct = TestContext.Current.CancellationToken;
        var table = RandomTables.Create(seed, rows: 60);
        string path = TempFiles.NewPath($"random-{serialization}-{version}-{seed}.vot");
        await using (var file = File.Create(path))
        {
            await VoTableWriter.WriteTableAsync(file, table, new VoTableWriteOptions { Serialization = serialization, Version = version }, ct);
        }

        await Votlint.AssertCleanAsync(path, ct);
        var dump = await Astropy.ReadAsync("votable", path, ct);
        AssertNoAstropyWarnings(dump, version15: version == VoTableVersion.Version15);
        var tables = dump.GetProperty("tables");
        Assert.Equal(1, tables.GetArrayLength());
        TableAssert.SameCells(table, tables[0], serialization == VoTableSerialization.TableData ? WrittenAs.TableData : WrittenAs.Binary2);
        var columns = tables[0].GetProperty("columns");
        for (int c = 0; c < table.Columns.Count; c++)
        {
            Assert.Equal(table.Columns[c].Name, columns[c].GetProperty("name").GetString());
            Assert.Equal(table.Columns[c].Field.Ucd, columns[c].GetProperty("ucd").GetString());
        }
    }

    [Theory]
    [InlineData(VoTableSerialization.TableData)]
    [InlineData(VoTableSerialization.Binary2)]
    public async Task Multi_source_document_has_one_resource_per_source_with_its_status(VoTableSerialization serialization)
    {
        var ct = TestContext.Current.CancellationToken;
        var gaia = RandomTables.Create(3, rows: 20, name: "gaia_dr3");
        var twomass = RandomTables.Create(4, rows: 5, name: "twomass");
        twomass.Truncation = new Truncation(TruncationReason.ServiceOverflow, "stopped at MAXREC=5");
        var document = MultiSourceDocument.Create(
        [
            new SourceTable
            {
                SourceId = "gaia-dr3",
                Table = gaia,
                Description = "Gaia DR3 via ESA TAP",
                Infos = [new Info { Name = "request", Value = "https://gea.esac.esa.int/tap-server/tap/sync?QUERY=SELECT+*" }],
            },
            new SourceTable { SourceId = "vizier 2MASS/psc", Table = twomass },
            new SourceTable { SourceId = "simbad", Status = QueryStatus.Error, Message = "HTTP 503 <Service Unavailable> & retry later" },
        ], description: "cone 10.68 +41.27 r=0.1°");
        string path = TempFiles.NewPath($"multi-{serialization}.vot");
        await using (var file = File.Create(path))
        {
            await VoTableWriter.WriteAsync(file, document, new VoTableWriteOptions { Serialization = serialization }, ct);
        }

        await Votlint.AssertCleanAsync(path, ct);
        var dump = await Astropy.ReadAsync("votable", path, ct);
        AssertNoAstropyWarnings(dump);
        var tables = dump.GetProperty("tables");
        Assert.Equal(2, tables.GetArrayLength());
        Assert.Equal("gaia-dr3", tables[0].GetProperty("resource").GetString());
        Assert.Equal("vizier 2MASS/psc", tables[1].GetProperty("resource").GetString());
        Assert.Equal("OK", StatusOf(tables[0]));
        Assert.Equal("OVERFLOW", StatusOf(tables[1]));
        var mode = serialization == VoTableSerialization.TableData ? WrittenAs.TableData : WrittenAs.Binary2;
        TableAssert.SameCells(gaia, tables[0], mode);
        TableAssert.SameCells(twomass, tables[1], mode);
        string xml = await File.ReadAllTextAsync(path, ct);
        Assert.Contains("<RESOURCE ID=\"simbad\" name=\"simbad\" type=\"results\">", xml, StringComparison.Ordinal);
        Assert.Contains("<INFO name=\"QUERY_STATUS\" value=\"ERROR\">HTTP 503 &lt;Service Unavailable&gt; &amp; retry later</INFO>", xml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VoTableSerialization.TableData)]
    [InlineData(VoTableSerialization.Binary2)]
    public async Task Every_model_element_is_written_validly(VoTableSerialization serialization)
    {
        var ct = TestContext.Current.CancellationToken;
        var document = SampleDocuments.EveryElement();
        string path = TempFiles.NewPath($"elements-{serialization}.vot");
        await using (var file = File.Create(path))
        {
            await VoTableWriter.WriteAsync(file, document, new VoTableWriteOptions { Serialization = serialization }, ct);
        }

        await Votlint.AssertCleanAsync(path, ct);
        var dump = await Astropy.ReadAsync("votable", path, ct);
        AssertNoAstropyWarnings(dump);
        var tables = dump.GetProperty("tables");
        Assert.Equal(2, tables.GetArrayLength());
        TableAssert.SameCells(document.AllTables().First(), tables[0], serialization == VoTableSerialization.TableData ? WrittenAs.TableData : WrittenAs.Binary2);
    }

    [Theory]
    [InlineData(VoTableSerialization.TableData)]
    [InlineData(VoTableSerialization.Binary2)]
    public async Task Hostile_remote_metadata_still_gives_a_valid_document(VoTableSerialization serialization)
    {
        var ct = TestContext.Current.CancellationToken;
        var document = SampleDocuments.Hostile();
        string path = TempFiles.NewPath($"hostile-{serialization}.vot");
        await using (var file = File.Create(path))
        {
            await VoTableWriter.WriteAsync(file, document, new VoTableWriteOptions { Serialization = serialization }, ct);
        }

        await Votlint.AssertCleanAsync(path, ct);
        var dump = await Astropy.ReadAsync("votable", path, ct);
        AssertNoAstropyWarnings(dump);
        var table = dump.GetProperty("tables")[0];
        Assert.Equal(["ra", "ra_2", "col3", "RA_3"], table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        TableAssert.SameCells(document.AllTables().First(), table, serialization == VoTableSerialization.TableData ? WrittenAs.TableData : WrittenAs.Binary2);
    }

    private static string? StatusOf(JsonElement table) =>
        table.GetProperty("resource_infos").EnumerateArray()
            .First(i => i.GetProperty("name").GetString() == "QUERY_STATUS").GetProperty("value").GetString();

    private static void AssertNoAstropyWarnings(JsonElement dump, bool version15 = false)
    {
        // astropy 5.2 knows VOTable up to 1.4: for a 1.5 document it says so (W21) and expects no namespace (W41).
        // Anything else is a finding.
        var warnings = dump.GetProperty("warnings").EnumerateArray().Select(w => w.GetString() ?? "")
            .Where(w => !(version15 && (w.Contains("W21", StringComparison.Ordinal) || w.Contains("W41", StringComparison.Ordinal)))).ToList();
        Assert.True(warnings.Count == 0, "astropy warned:\n" + string.Join("\n", warnings));
    }
}
