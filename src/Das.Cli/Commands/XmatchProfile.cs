using System.Diagnostics;
using System.Globalization;
using Das.Cli.Tables;
using Das.Sky.CrossMatch;

namespace Das.Cli.Commands;

/// <summary>
/// <c>das xmatch --verbose</c>: one stderr line per phase of a file-against-file match (runtime start, each read,
/// index, search, select, join, output) with the peak resident memory, so the time of a run can be taken apart.
/// </summary>
internal sealed class XmatchProfile(TextWriter error)
{
    private readonly long _begin = TimeProvider.System.GetTimestamp();

    public async Task StartedAsync()
    {
        using var self = Process.GetCurrentProcess();
        double sinceStart = (TimeProvider.System.GetUtcNow() - self.StartTime.ToUniversalTime()).TotalSeconds;
        await LineAsync("runtime start to command", sinceStart);
    }

    public async Task ReadAsync(TableFile a, TableFile b, double together)
    {
        await LineAsync($"read A {Path.GetFileName(a.Path)} ({a.Bytes} bytes)", a.Elapsed.TotalSeconds);
        await LineAsync($"read B {Path.GetFileName(b.Path)} ({b.Bytes} bytes)", b.Elapsed.TotalSeconds);
        await LineAsync("read both (concurrently)", together);
    }

    public async Task StreamedAsync(TableFile a, TableFile b, double inBatches, double keep, CrossMatchPhases phases, long rowsB)
    {
        double search = phases.Search.TotalSeconds;
        await LineAsync($"read A {Path.GetFileName(a.Path)} ({a.Bytes} bytes)", a.Elapsed.TotalSeconds);
        await LineAsync($"index {phases.IndexedSide}", phases.Index.TotalSeconds);
        await LineAsync(string.Create(CultureInfo.InvariantCulture, $"read B {Path.GetFileName(b.Path)} in batches ({b.Bytes} bytes, {rowsB} rows)"), b.Elapsed.TotalSeconds - inBatches);
        await LineAsync("positions of each batch", inBatches - search - keep);
        await LineAsync(string.Create(CultureInfo.InvariantCulture, $"search, batch by batch ({phases.Candidates} candidates)"), search);
        await LineAsync("keep B's matching rows", keep);
        await LineAsync("select and order pairs", phases.Select.TotalSeconds);
    }

    public async Task MatchedAsync(CrossMatchPhases phases, double total)
    {
        double inner = (phases.Index + phases.Search + phases.Select).TotalSeconds;
        await LineAsync("positions to degrees", total - inner);
        await LineAsync($"index {phases.IndexedSide}", phases.Index.TotalSeconds);
        await LineAsync(string.Create(CultureInfo.InvariantCulture, $"search ({phases.Candidates} candidates)"), phases.Search.TotalSeconds);
        await LineAsync("select and order pairs", phases.Select.TotalSeconds);
    }

    public Task StepAsync(string name, double seconds) => LineAsync(name, seconds);

    public async Task DoneAsync()
    {
        using var self = Process.GetCurrentProcess();
        await LineAsync("command total", TimeProvider.System.GetElapsedTime(_begin).TotalSeconds);
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"xmatch: peak RSS {self.PeakWorkingSet64 / 1e6:0.0} MB; managed heap {GC.GetTotalMemory(false) / 1e6:0.0} MB; allocated {GC.GetTotalAllocatedBytes() / 1e6:0.0} MB; GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalMilliseconds:0.0} ms"));
    }

    private Task LineAsync(string name, double seconds) =>
        error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"xmatch: {name,-44} {seconds * 1000,8:0.0} ms"));
}
