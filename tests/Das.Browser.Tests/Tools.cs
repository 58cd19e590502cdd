using System.Diagnostics;

namespace Das.Browser.Tests;

/// <summary>The peers that check what the page downloads: STILTS votlint, and astropy/openpyxl through Fixtures/check_download.py.</summary>
internal static class Tools
{
    /// <summary>Runs a tool with arguments (no shell); skips the test, with the reason, when the tool is not installed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, params string[] arguments)
    {
        if (!File.Exists(tool) && !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool))))
        {
            Assert.Skip($"{tool} is not installed (./test.sh installs it)");
        }
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var ct = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>What check_download.py reads in a downloaded file (JSON), failing with the reader's own error when it cannot.</summary>
    public static async Task<System.Text.Json.JsonElement> ReadDownloadAsync(string kind, string path)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "check_download.py");
        var (code, output, error) = await RunAsync("/usr/bin/python3", script, kind, path);
        Assert.True(code == 0, $"{kind} {Path.GetFileName(path)} could not be read: {error}");
        return System.Text.Json.JsonDocument.Parse(output).RootElement;
    }

    /// <summary>Fails unless STILTS votlint has nothing to say about the file.</summary>
    public static async Task AssertVotlintSilentAsync(string path)
    {
        var (code, output, error) = await RunAsync("stilts", "votlint", path);
        Assert.True(code == 0 && output.Trim().Length == 0 && error.Trim().Length == 0,
            $"votlint on {Path.GetFileName(path)} (exit {code}): {output}{error}");
    }
}
