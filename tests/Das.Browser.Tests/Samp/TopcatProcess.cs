using System.Diagnostics;
using System.Text;

namespace Das.Browser.Tests.Samp;

/// <summary>
/// TOPCAT (Debian topcat) as a second, desktop receiver: under its own Xvfb display, its SAMP callback server bound
/// to 127.0.0.1 by ../shared/peers/samp/LoopbackRun.java, registered with the test hub through its lockfile.
/// test.sh installs topcat and xvfb; where they are missing the test is skipped with the reason.
/// </summary>
internal sealed class TopcatProcess : IAsyncDisposable
{
    private const string TopcatJar = "/usr/share/java/starlink-topcat.jar";
    private const string JsampJar = "/usr/share/java/jsamp.jar";
    private const string Xvfb = "/usr/bin/Xvfb";

    private readonly Process _xvfb;
    private readonly Process _topcat;
    private readonly StringBuilder _output;
    private readonly string _directory;

    private TopcatProcess(Process xvfb, Process topcat, StringBuilder output, string directory)
    {
        _xvfb = xvfb;
        _topcat = topcat;
        _output = output;
        _directory = directory;
    }

    /// <summary>Why TOPCAT cannot run here, or null.</summary>
    public static string? MissingReason => File.Exists(TopcatJar) && File.Exists(Xvfb)
        ? null
        : $"TOPCAT needs {TopcatJar} and {Xvfb}: install Debian's topcat and xvfb (test.sh does, as root)";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts Xvfb on a free display and TOPCAT on it; TOPCAT registers with the hub a few seconds later.</summary>
    public static async Task<TopcatProcess> StartAsync(SampHubProcess hub, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("das-topcat-").FullName;
        var display = Enumerable.Range(90, 60).First(n => !File.Exists($"/tmp/.X{n}-lock") && !File.Exists($"/tmp/.X11-unix/X{n}"));
        var output = new StringBuilder();
        var xvfb = SampHubProcess.Capture(new ProcessStartInfo(Xvfb, [$":{display}", "-nolisten", "tcp", "-screen", "0", "1280x1024x24"]), output);
        var classes = await SampHubProcess.CompileAsync("LoopbackRun.java", cancellationToken);
        var start = new ProcessStartInfo("java",
        [
            "-Djsamp.localhost=127.0.0.1", $"-Duser.home={directory}",
            "-cp", $"{TopcatJar}:{JsampJar}:{classes}", "LoopbackRun", "uk.ac.starlink.topcat.Driver",
        ]);
        start.Environment["DISPLAY"] = $":{display}";
        start.Environment["SAMP_HUB"] = hub.SampHubVariable;
        start.Environment["HOME"] = directory;
        var topcat = SampHubProcess.Capture(start, output);
        return new TopcatProcess(xvfb, topcat, output, directory);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _topcat, _xvfb })
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync(CancellationToken.None);
            process.Dispose();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left behind: a temporary folder.
        }
    }
}
