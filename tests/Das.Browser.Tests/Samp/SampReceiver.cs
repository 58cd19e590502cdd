using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Das.Browser.Tests.Samp;

/// <summary>
/// The real receiver beside these tests (samp_receiver.py, astropy's SAMP client on the Standard Profile): it
/// subscribes to table.load.votable, image.load.fits and coord.pointAt.sky, downloads each URL, reads it with astropy
/// and writes one JSON line per message.
/// </summary>
internal sealed class SampReceiver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _directory;
    private readonly string _log;

    private SampReceiver(Process process, StringBuilder output, string directory, string log, string name)
    {
        _process = process;
        _output = output;
        _directory = directory;
        _log = log;
        Name = name;
    }

    /// <summary>The name it registers with (samp.name), which the page lists.</summary>
    public string Name { get; }

    public static async Task<SampReceiver> StartAsync(SampHubProcess hub, string name, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("das-samp-receiver-").FullName;
        var log = Path.Combine(directory, "messages.jsonl");
        var script = Path.Combine(AppContext.BaseDirectory, "Samp", "samp_receiver.py");
        var start = new ProcessStartInfo("/usr/bin/python3", ["-u", script, log, name]);
        start.Environment["SAMP_HUB"] = hub.SampHubVariable;
        start.Environment["HOME"] = directory;
        var output = new StringBuilder();
        var process = SampHubProcess.Capture(start, output);
        var receiver = new SampReceiver(process, output, directory, log, name);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!receiver.Output.Contains("READY", StringComparison.Ordinal))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the SAMP receiver exited with {process.ExitCode}: {receiver.Output}");
                }
                if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new TimeoutException($"the SAMP receiver did not register in 60 s: {receiver.Output}");
                }
                await Task.Delay(100, cancellationToken);
            }
            return receiver;
        }
        catch
        {
            await receiver.DisposeAsync();
            throw;
        }
    }

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

    /// <summary>Every message logged so far, in order.</summary>
    public IReadOnlyList<JsonElement> Messages
    {
        get
        {
            if (!File.Exists(_log))
            {
                return [];
            }
            using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var list = new List<JsonElement>();
            while (reader.ReadLine() is { } line)
            {
                // A line is written whole (one write, then flush); a half line is the last one, still being written.
                if (line.EndsWith('}'))
                {
                    list.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
            }
            return list;
        }
    }

    /// <summary>The messages of this MType (and matching <paramref name="where"/>), once there are <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(string mtype, int count, CancellationToken cancellationToken, Func<JsonElement, bool>? where = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = Messages.Where(m => m.GetProperty("mtype").GetString() == mtype && (where is null || where(m))).ToList();
            if (found.Count >= count)
            {
                return found;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"the receiver got {found.Count} {mtype} message(s), not {count}, in 30 s; it logged:\n"
                    + string.Join("\n", Messages.Select(m => m.GetRawText())) + "\nits output:\n" + Output);
            }
            await Task.Delay(100, cancellationToken);
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
            // Left behind: a temporary folder.
        }
    }
}
