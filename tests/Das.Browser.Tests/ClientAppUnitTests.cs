using System.Diagnostics;

namespace Das.Browser.Tests;

/// <summary>
/// The page's pure TypeScript (link grammar, source selection, column detection, positions, filters, sky geometry, SAMP's XML-RPC and messages)
/// is tested by Vitest in src/Das.Web/ClientApp/test; each file runs here so dotnet test reports it.
/// </summary>
public sealed class ClientAppUnitTests
{
    private static readonly string ClientApp = Path.Combine(DasServer.WebProjectDirectory, "ClientApp");

    [Theory]
    [InlineData("query")]
    [InlineData("columns")]
    [InlineData("geometry")]
    [InlineData("status")]
    [InlineData("samp/xmlrpc")]
    [InlineData("samp/messages")]
    public async Task Vitest_file_passes(string name)
    {
        var vitest = Path.Combine(ClientApp, "node_modules", "vitest", "vitest.mjs");
        Assert.SkipUnless(File.Exists(vitest), $"{vitest} is missing: build src/Das.Web (npm ci runs then) to run the front end's unit tests");
        var start = new ProcessStartInfo("node", ["--no-warnings", vitest, "run", $"test/{name}.test.ts", "--reporter=verbose", "--color=false"])
        {
            WorkingDirectory = ClientApp,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CI"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"vitest exited with {process.ExitCode}:\n{await output}\n{await errors}");
        Assert.Contains("passed", await output, StringComparison.Ordinal);
    }
}
