using Das.Imaging.Tools;

namespace Das.Imaging.Tests.Tools;

public sealed class ToolRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ToolCommand Shell(string script, params string[] arguments) => new()
    {
        FileName = "/bin/sh",
        Arguments = ["-c", script, "sh", .. arguments],
        DisplayName = "sh",
        InstallHint = "sh is part of every Debian system",
    };

    [Fact]
    public async Task Arguments_reach_the_program_as_given_and_its_output_and_exit_code_come_back()
    {
        var lines = new List<(string, bool)>();
        var result = await ToolRunner.System.RunAsync(Shell("printf '%s\\n' \"$1\"; echo oops >&2; exit 3", "a b; rm -rf /tmp/x 'q'"),
            (line, error) => { lock (lines) { lines.Add((line, error)); } }, Ct);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("a b; rm -rf /tmp/x 'q'\n", result.StandardOutput);
        Assert.Equal("oops\n", result.StandardError);
        Assert.Contains(("a b; rm -rf /tmp/x 'q'", false), lines);
        Assert.Contains(("oops", true), lines);
    }

    [Fact]
    public async Task A_missing_program_fails_with_the_install_hint_and_the_path_not_found()
    {
        var command = new ToolCommand
        {
            FileName = "/nonexistent/bin/java",
            DisplayName = "Hipsgen",
            InstallHint = ImagingToolOptions.HipsgenInstallHint,
        };
        var ex = await Assert.ThrowsAsync<ToolMissingException>(() => ToolRunner.System.RunAsync(command, null, Ct));
        Assert.StartsWith("Hipsgen needs Java and the Debian package aladin: apt-get install aladin default-jre-headless", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/bin/java was not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_missing_from_path_says_so()
    {
        var command = new ToolCommand { FileName = "mNoSuchMontageProgram", DisplayName = "Montage", InstallHint = ImagingToolOptions.MontageInstallHint };
        var ex = await Assert.ThrowsAsync<ToolMissingException>(() => ToolRunner.System.RunAsync(command, null, Ct));
        Assert.Contains("apt-get install montage", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mNoSuchMontageProgram was not found in PATH", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_kills_the_program_and_its_children()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        int child = 0;
        // The shell starts a child (sleep) and waits; the child's pid is the first line.
        var run = ToolRunner.System.RunAsync(Shell("sleep 300 & echo $!; wait"), (line, _) =>
        {
            if (int.TryParse(line, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var pid))
            {
                Volatile.Write(ref child, pid);
                cts.Cancel();
            }
        }, cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        int pid = Volatile.Read(ref child);
        Assert.True(pid > 0);
        // Kill is asynchronous in the kernel: the child disappears (or becomes a zombie reaped by init) shortly after.
        for (int i = 0; i < 100 && IsAlive(pid); i++)
        {
            await Task.Delay(50, Ct);
        }
        Assert.False(IsAlive(pid), $"the child process {pid} (sleep 300) is still running");
    }

    internal static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return false;
        }
        try
        {
            // A zombie has exited; only its parent's bookkeeping is left.
            return !File.ReadAllText(status).Contains("State:\tZ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
