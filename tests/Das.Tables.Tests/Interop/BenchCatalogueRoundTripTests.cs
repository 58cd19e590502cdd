using Das.Tables.Csv;
using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Tables.Writers.VoTable;

namespace Das.Tables.Tests.Interop;

/// <summary>
/// Issue 8's done-when check on a small copy of the shared benchmark catalogue: what <c>das table convert</c> does
/// (read with Das, write a BINARY2 VOTable) to the TABLEDATA, BINARY2 and CSV files gives a VOTable that STILTS
/// votlint accepts silently and that astropy reads back cell for cell the same as the original
/// (Interop/Scripts/compare_converted.py). bench/tables/check-convert.sh runs the same check on the 10^6-row files.
/// </summary>
public sealed class BenchCatalogueRoundTripTests
{
    private const int Rows = 10_000;

    [Theory]
    [InlineData("cat.td.vot")]
    [InlineData("cat.b2.vot")]
    [InlineData("cat.csv")]
    public async Task Converted_benchmark_catalogue_passes_votlint_and_reads_back_identically_in_astropy(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        string generator = GeneratorDirectory();
        Assert.SkipUnless(File.Exists(Path.Combine(generator, "gen_data.py")),
            $"the shared benchmark generator is not at {generator} (it lives in ../shared/bench beside the repository)");
        string dir = Path.GetDirectoryName(TempFiles.NewPath("bench-catalogue/x"))!;
        Directory.CreateDirectory(dir);
        string original = Path.Combine(dir, name);
        if (!File.Exists(original))
        {
            var made = await ExternalTool.RunAsync(Astropy.Python,
                [Path.Combine(AppContext.BaseDirectory, "Interop", "Scripts", "make_bench_catalogue.py"), generator, Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), dir], ct);
            Assert.True(made.ExitCode == 0, made.AllOutput);
        }

        var document = name.EndsWith(".csv", StringComparison.Ordinal)
            ? new VoTableDocument { Resources = [new Resource { Tables = [(await CsvReader.ReadFileAsync(original, cancellationToken: ct)).Table!] }] }
            : (await VoTableReader.ReadFileAsync(original, cancellationToken: ct)).Document!;
        var table = document.FirstResultsTable()!;
        Assert.Equal(Rows, table.RowCount);
        Assert.False(table.IsTruncated);
        string converted = original + ".out.vot";
        await using (var file = File.Create(converted))
        {
            await VoTableWriter.WriteAsync(file, document, VoTableWriteOptions.Default with { Serialization = VoTableSerialization.Binary2 }, ct);
        }

        await Votlint.AssertCleanAsync(converted, ct);
        var compared = await ExternalTool.RunAsync(Astropy.Python,
            [Path.Combine(AppContext.BaseDirectory, "Interop", "Scripts", "compare_converted.py"), original, converted], ct);
        Assert.True(compared.ExitCode == 0, compared.AllOutput);
        Assert.Contains("identical (10000 rows x 21 columns)", compared.StandardOutput, StringComparison.Ordinal);
    }

    private static string GeneratorDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Das.slnx")))
        {
            dir = dir.Parent;
        }
        return Path.GetFullPath(Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "..", "shared", "bench"));
    }
}
