using System.Diagnostics;
using System.Text.Json;

namespace Das.Cli.Tests.Tables;

/// <summary>
/// <c>das table convert</c> against real peers: what it writes passes <c>stilts votlint</c> with no message, and astropy
/// reads the same cells from the converted file as from the original (files written by astropy and STILTS, and a
/// slice of the shared benchmark catalogue).
/// </summary>
[Trait("Category", "Interop")]
public sealed class TableConvertInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("das-convert-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Tables", "Fixtures", name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("astropy_mixed.td.xml", "votable")]
    [InlineData("astropy_mixed.td.xml", "votable-td")]
    [InlineData("stilts_mixed.b2.xml", "votable")]
    [InlineData("stilts_mixed.b2.xml", "votable-td")]
    [InlineData("bench_catalogue_300.csv", "votable")]
    [InlineData("bench_catalogue_300.csv", "votable-td")]
    public async Task Converted_votable_passes_votlint_silently_and_astropy_reads_the_same_cells(string fixture, string format)
    {
        var output = Path.Combine(_dir, Path.GetFileNameWithoutExtension(fixture) + "." + format + ".vot");
        var (code, _, error) = await CliRunner.RunAsync("table", "convert", FixturePath(fixture), output, "--format", format);
        Assert.True(code == 0, error);

        var lint = await RunAsync("stilts", $"votlint \"{output}\"");
        Assert.True(lint.Output.Trim().Length == 0 && lint.Error.Trim().Length == 0, $"votlint said:\n{lint.Output}{lint.Error}");

        var compare = await RunAsync("/usr/bin/python3", $"\"{FixturePath("same_tables.py")}\" \"{FixturePath(fixture)}\" \"{output}\"");
        Assert.True(compare.ExitCode == 0, compare.Error);
        using var verdict = JsonDocument.Parse(compare.Output);
        Assert.True(verdict.RootElement.GetProperty("same").GetBoolean(), compare.Output);
        Assert.Empty(verdict.RootElement.GetProperty("warnings").EnumerateArray());
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, string arguments)
    {
        if (!File.Exists(tool) && !ExistsOnPath(tool))
        {
            Assert.Skip($"{tool} is not installed (./test.sh installs it)");
        }
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await error);
    }

    private static bool ExistsOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));
}
