using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Das.Imaging.Tools;

/// <summary>
/// Runs external programs (Hipsgen, Montage) for the imaging builders: arguments as a list, stdout and stderr read
/// line by line as they come (each line handed to the caller, for progress), the output kept for the failure
/// message, and cancellation that kills the whole process tree before it returns.
/// </summary>
public sealed class ToolRunner
{
    /// <summary>How many characters of each stream a <see cref="ToolResult"/> keeps (the last ones).</summary>
    public const int MaxCapturedChars = 1 << 20;

    private readonly TimeProvider _time;

    /// <summary>Creates a runner that times runs with <paramref name="time"/>.</summary>
    public ToolRunner(TimeProvider time) => _time = time;

    /// <summary>A runner on the system clock.</summary>
    public static ToolRunner System { get; } = new(TimeProvider.System);

    /// <summary>
    /// Runs the command to its end and returns its exit code and output; a non-zero exit code is not an exception
    /// here (the builders read the tool's own error text). Lines are passed to <paramref name="onLine"/> as they
    /// arrive, stdout and stderr alike (the flag tells which).
    /// </summary>
    /// <exception cref="ToolMissingException">The program is not on this machine.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the process and its children were killed first.</exception>
    public async Task<ToolResult> RunAsync(ToolCommand command, Action<string, bool>? onLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var path = Resolve(command.FileName)
            ?? throw new ToolMissingException(string.Create(CultureInfo.InvariantCulture,
                $"{command.InstallHint} ({command.FileName} was not found{(command.FileName.Contains('/', StringComparison.Ordinal) ? "" : " in PATH")})"));
        var info = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            CreateNoWindow = true,
            WorkingDirectory = command.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = new Process { StartInfo = info };
        long start = _time.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new ToolMissingException($"{command.InstallHint} ({path} could not be started: {ex.Message})", ex);
        }
        process.StandardInput.Close();
        var stdout = new TailBuffer();
        var stderr = new TailBuffer();
        var readOut = PumpAsync(process.StandardOutput, stdout, line => onLine?.Invoke(line, false));
        var readErr = PumpAsync(process.StandardError, stderr, line => onLine?.Invoke(line, true));
        using (cancellationToken.Register(static p => Kill((Process)p!), process))
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAll(readOut, readErr).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new ToolResult(command, process.ExitCode, stdout.ToString(), stderr.ToString(), _time.GetElapsedTime(start));
    }

    /// <summary>The full path of an executable: the path itself when it has a slash, else the first match in PATH; null when absent.</summary>
    public static string? Resolve(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(fileName) ? Path.GetFullPath(fileName) : null;
        }
        var paths = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return paths.Select(dir => Path.Combine(dir, fileName)).FirstOrDefault(File.Exists);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }
        catch (Win32Exception)
        {
            // It exited while being killed.
        }
    }

    private static async Task PumpAsync(StreamReader reader, TailBuffer buffer, Action<string> onLine)
    {
        while (await reader.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            buffer.Append(line);
            onLine(line);
        }
    }

    /// <summary>The last <see cref="MaxCapturedChars"/> characters of a stream, in whole lines.</summary>
    private sealed class TailBuffer
    {
        private readonly Queue<string> _lines = new();
        private long _chars;

        public void Append(string line)
        {
            lock (_lines)
            {
                _lines.Enqueue(line);
                _chars += line.Length + 1;
                while (_chars > MaxCapturedChars && _lines.Count > 1)
                {
                    _chars -= _lines.Dequeue().Length + 1;
                }
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return _lines.Count == 0 ? "" : string.Join('\n', _lines) + "\n";
            }
        }
    }
}
