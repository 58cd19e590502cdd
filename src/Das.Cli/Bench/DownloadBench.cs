using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Das.Cli.Commands;
using Das.Engine.Access;
using Das.Jobs;
using Das.Jobs.Downloads;
using Das.Jobs.Model;

namespace Das.Cli.Bench;

/// <summary>
/// <c>das bench downloads</c>: N files of S MB fetched at once by one download job (N files in parallel) from a
/// loopback server whose bandwidth is throttled to R MB/s in total. Reports the share of that bandwidth the
/// downloads kept (bytes / elapsed / R) and the process's memory growth (peak working set over the baseline, and
/// bytes allocated), which stays flat because every body streams to disk.
/// </summary>
internal static class DownloadBench
{
    public sealed record Settings(int Files, int SizeMegabytes, int MegabytesPerSecond, string? Directory);

    public static async Task<int> RunAsync(TextWriter output, Settings settings, CancellationToken ct)
    {
        var size = settings.SizeMegabytes * 1_000_000L;
        var rate = settings.MegabytesPerSecond * 1_000_000.0;
        var root = settings.Directory ?? System.IO.Directory.CreateTempSubdirectory("das-bench-downloads-").FullName;
        await using var server = ThrottledFileServer.Start(size, rate);
        var jobs = new JobOptions { DataDirectory = root, Concurrency = 1 };
        var downloads = new DownloadOptions
        {
            AllowedHosts = ["127.0.0.1"],
            MaxFileMegabytes = settings.SizeMegabytes + 1,
            DiskBudgetMegabytes = (settings.SizeMegabytes + 1L) * settings.Files + 1,
            ParallelFiles = Math.Clamp(settings.Files, 1, 16),
        };
        try
        {
            await using var local = await LocalJobs.StartAsync(jobs, downloads, ct);
            var urls = Enumerable.Range(1, settings.Files).Select(i => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{server.Port}/file/{i}.bin")).ToArray();
            using var process = Process.GetCurrentProcess();
            GC.Collect();
            process.Refresh();
            var baseline = process.WorkingSet64;
            var peak = baseline;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var created = await local.Jobs.CreateAsync("download", JsonSerializer.SerializeToElement(new { urls }), AccessContext.Anonymous, ct);
            if (created.Job is not { } job)
            {
                await output.WriteLineAsync(created.Problem);
                return DasCli.UsageOrInputError;
            }
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                    await Task.Delay(100, CancellationToken.None);
                }
            }, CancellationToken.None);
            var done = await local.Jobs.WaitAsync(job.Id, "anonymous", null, TimeSpan.FromHours(2), ct);
            var seconds = clock.Elapsed.TotalSeconds;
            await sampling.CancelAsync();
            await sampler;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            if (done?.Phase != JobPhase.Completed)
            {
                await output.WriteLineAsync("the downloads did not complete: " + done?.Error);
                return 1;
            }
            var bytes = done.Results.Sum(r => r.Size ?? 0);
            var throughput = bytes / seconds;
            var kept = throughput / rate;
            var growth = (peak - baseline) / 1e6;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{settings.Files} × {settings.SizeMegabytes} MB over a {settings.MegabytesPerSecond} MB/s loopback link: {seconds:0.0} s, {throughput / 1e6:0.0} MB/s = {kept * 100:0.0} % of the link"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"memory: peak working set +{growth:0.0} MB over the baseline ({baseline / 1e6:0} MB); {allocated / 1e6:0.0} MB allocated for {bytes / 1e6:0} MB downloaded"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"DAS_RESULT {{\"files\": {settings.Files}, \"size_mb\": {settings.SizeMegabytes}, \"link_mb_s\": {settings.MegabytesPerSecond}, \"seconds\": {seconds:0.00}, " +
                $"\"throughput_mb_s\": {throughput / 1e6:0.00}, \"share_of_link\": {kept:0.0000}, \"working_set_growth_mb\": {growth:0.0}, \"allocated_mb\": {allocated / 1e6:0.0}}}"));
            return 0;
        }
        finally
        {
            if (settings.Directory is null)
            {
                System.IO.Directory.Delete(root, recursive: true);
            }
        }
    }
}
