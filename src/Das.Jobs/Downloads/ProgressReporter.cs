using System.Globalization;
using Das.Jobs.Model;

namespace Das.Jobs.Downloads;

/// <summary>Turns the files' counters into <see cref="JobProgress"/> at a steady pace: per file and total bytes, rate (over the last 3 s) and ETA.</summary>
internal sealed class ProgressReporter(IReadOnlyList<FileState> files, IProgress<JobProgress> progress, TimeProvider time)
{
    private readonly RateMeter _total = new(TimeSpan.FromSeconds(3));
    private readonly RateMeter[] _meters = [.. files.Select(_ => new RateMeter(TimeSpan.FromSeconds(3)))];
    private readonly Lock _reporting = new();

    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            Report();
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Report();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the downloads ended
        }
    }

    public void Report()
    {
        lock (_reporting)
        {
            var now = time.GetUtcNow();
            var perFile = new List<FileProgress>(files.Count);
            long done = 0;
            long? total = 0;
            for (var i = 0; i < files.Count; i++)
            {
                var f = files[i];
                var bytes = f.BytesDone;
                var rate = f.State == "running" ? _meters[i].Add(now, bytes) : null;
                double? eta = f.Total is { } t && rate is > 0 ? (t - bytes) / rate.Value : null;
                perFile.Add(new FileProgress(f.Name, bytes, f.Total, rate, eta, f.State, f.Message));
                done += bytes;
                total = total is { } sum && f.Total is { } ft ? sum + ft : null;
            }
            var totalRate = _total.Add(now, done);
            var finished = files.Count(f => f.State is "done" or "failed" or "cancelled");
            double? fraction = total is > 0 ? (double)done / total.Value : (double)finished / files.Count;
            double? etaAll = total is { } all && totalRate is > 0 ? (all - done) / totalRate.Value : null;
            var step = string.Create(CultureInfo.InvariantCulture, $"{finished} of {files.Count} file(s) finished");
            progress.Report(new JobProgress(Math.Clamp(fraction ?? 0, 0, 1), step, done, total, totalRate, etaAll, perFile));
        }
    }
}
