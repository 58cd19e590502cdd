using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Das.Browser.Tests.Samp;

/// <summary>Which real hub a test runs: JSAMP (TOPCAT's and Aladin's) or astropy's.</summary>
public enum SampHubKind
{
    Jsamp,
    Astropy,
}

/// <summary>
/// A real SAMP hub (Standard + Web Profile) bound to 127.0.0.1 with a private lockfile and Web Profile registrations
/// approved automatically: JSAMP's LoopbackHub (../shared/peers/samp, compiled with javac against Debian's
/// libjsamp-java) or astropy_hub.py. The Web Profile port, 21012, is fixed by the standard, so one runs at a time.
/// </summary>
internal sealed class SampHubProcess : IAsyncDisposable
{
    public const int WebProfilePort = 21012;

    private const string JsampJar = "/usr/share/java/jsamp.jar";
    private const string Python = "/usr/bin/python3";

    private static readonly SemaphoreSlim CompileGate = new(1, 1);
    private static string? _classes;

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _directory;

    private SampHubProcess(Process process, StringBuilder output, string directory, string lockFile)
    {
        _process = process;
        _output = output;
        _directory = directory;
        LockFile = lockFile;
    }

    /// <summary>The hub's lockfile; clients find the hub with SAMP_HUB=std-lockurl:file://LOCKFILE.</summary>
    public string LockFile { get; }

    public string SampHubVariable => "std-lockurl:file://" + LockFile;

    /// <summary>../shared/peers/samp beside the repository (the lead's real hubs and receivers).</summary>
    public static string PeersDirectory => Path.GetFullPath(Path.Combine(DasServer.WebProjectDirectory, "..", "..", "..", "shared", "peers", "samp"));

    /// <summary>Why this hub cannot run here, or null when it can.</summary>
    public static string? MissingReason(SampHubKind kind)
    {
        if (!File.Exists(Path.Combine(PeersDirectory, "LoopbackHub.java")))
        {
            return $"{PeersDirectory} (the SAMP peers) is missing";
        }
        if (!File.Exists(Python) || !PythonHasAstropySamp.Value)
        {
            return $"{Python} with astropy.samp is missing: install Debian's python3-astropy (test.sh does) for the SAMP receiver";
        }
        if (kind == SampHubKind.Jsamp && (!File.Exists(JsampJar) || FindOnPath("javac") is null || FindOnPath("java") is null))
        {
            return $"the JSAMP hub needs {JsampJar}, java and javac: install Debian's libjsamp-java and default-jdk-headless (test.sh does)";
        }
        return null;
    }

    private static readonly Lazy<bool> PythonHasAstropySamp = new(() => Run(Python, ["-c", "import astropy.samp, astropy.io.votable, astropy.io.fits"], TimeSpan.FromSeconds(60)) == 0);

    /// <summary>Starts the hub and waits until its Web Profile port answers and its lockfile is written.</summary>
    public static async Task<SampHubProcess> StartAsync(SampHubKind kind, CancellationToken cancellationToken)
    {
        await WaitForFreePortAsync(cancellationToken);
        var directory = Directory.CreateTempSubdirectory("das-samp-hub-").FullName;
        var lockFile = Path.Combine(directory, "samp.lock");
        ProcessStartInfo start;
        if (kind == SampHubKind.Jsamp)
        {
            var classes = await CompileAsync("LoopbackHub.java", cancellationToken);
            start = new ProcessStartInfo("java",
            [
                "-Djava.awt.headless=true", "-Djsamp.localhost=127.0.0.1", $"-Duser.home={directory}",
                "-cp", $"{JsampJar}:{classes}", "LoopbackHub", "-log",
            ]);
        }
        else
        {
            start = new ProcessStartInfo(Python, [Path.Combine(PeersDirectory, "astropy_hub.py"), lockFile]);
        }
        start.Environment["SAMP_HUB"] = "std-lockurl:file://" + lockFile;
        start.Environment["HOME"] = directory;
        var output = new StringBuilder();
        var process = Capture(start, output);
        var hub = new SampHubProcess(process, output, directory, lockFile);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!(File.Exists(lockFile) && await PortTakenAsync(cancellationToken)))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the {kind} SAMP hub exited with {process.ExitCode}: {hub.Output}");
                }
                if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException($"the {kind} SAMP hub did not open port {WebProfilePort} in 60 s: {hub.Output}");
                }
                await Task.Delay(100, cancellationToken);
            }
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The XML-RPC methods the hub received so far, in order: JSAMP's "-log" prints each call it serves (the astropy
    /// hub prints none, so this is empty for it).
    /// </summary>
    public IReadOnlyList<string> CallsReceived =>
        [.. Regex.Matches(Output, @"^SERVER IN:\r?\n(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value)];

    /// <summary>What the hub printed so far (for failure messages).</summary>
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary folder is left behind.
        }
    }

    /// <summary>Starts a process with its standard output and error appended to <paramref name="output"/>.</summary>
    internal static Process Capture(ProcessStartInfo start, StringBuilder output)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Compiles one of the peers' Java files (once per test run) against jsamp; returns the classes folder.</summary>
    internal static async Task<string> CompileAsync(string javaFile, CancellationToken cancellationToken)
    {
        await CompileGate.WaitAsync(cancellationToken);
        try
        {
            _classes ??= Directory.CreateTempSubdirectory("das-samp-classes-").FullName;
            if (!File.Exists(Path.Combine(_classes, Path.ChangeExtension(javaFile, ".class"))))
            {
                var output = new StringBuilder();
                using var javac = Capture(new ProcessStartInfo("javac",
                    ["-cp", JsampJar, "-d", _classes, Path.Combine(PeersDirectory, javaFile)]), output);
                await javac.WaitForExitAsync(cancellationToken);
                if (javac.ExitCode != 0)
                {
                    throw new InvalidOperationException($"javac {javaFile} failed: {output}");
                }
            }
            return _classes;
        }
        finally
        {
            CompileGate.Release();
        }
    }

    /// <summary>Waits (up to 20 s) for the previous test's hub to release port 21012; fails clearly if another hub holds it.</summary>
    private static async Task WaitForFreePortAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (await PortTakenAsync(cancellationToken))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new InvalidOperationException(
                    $"port {WebProfilePort} is taken (a SAMP hub such as TOPCAT's is running): the SAMP tests need it free");
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>True when something accepts connections on 127.0.0.1:21012.</summary>
    public static async Task<bool> PortTakenAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, WebProfilePort, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int Run(string file, string[] arguments, TimeSpan timeout)
    {
        var output = new StringBuilder();
        using var process = Capture(new ProcessStartInfo(file, arguments), output);
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return -1;
        }
        return process.ExitCode;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
