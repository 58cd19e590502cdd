using Das.Engine.Access;
using Das.Jobs.Downloads;
using Das.Jobs.Model;
using Das.Jobs.Tests.Support;
using Das.Testing;

namespace Das.Jobs.Tests.Downloads;

/// <summary>Runs alone (no other test allocating meanwhile), so the process-wide allocation count measures this download.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class LargeDownloads;

[Collection(typeof(LargeDownloads))]
public sealed class LargeDownloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_500_MB_fits_file_over_a_throttled_link_that_drops_four_times_resumes_and_arrives_intact_with_flat_memory()
    {
        using var dir = new TempDirectory();
        await using var server = await FakeFileServer.StartAsync(Ct);
        var file = SyntheticFile.FitsFile(500_000_000, 42);
        var url = server.Serve("big/field.fits", file, new FileServing
        {
            ContentType = "application/fits",
            BytesPerSecond = 250_000_000,
            DropEveryBytes = 110_000_000,
            MaxDrops = 4,
        });
        await using var host = await JobHost.StartDownloadsAsync(dir.Path, new DownloadOptions { MaxFileMegabytes = 600, DiskBudgetMegabytes = 1000 });
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var id = (await host.Jobs.CreateAsync("download", DownloadJobHandlerTests.Files(new { url }), AccessContext.Anonymous, Ct)).Job!.Id;

        var events = new List<JobEvent>();
        await foreach (var e in host.Events.WatchAsync("anonymous", id, Ct))
        {
            events.Add(e);
            if (e.Phase is not (JobPhase.Queued or JobPhase.Executing))
            {
                break;
            }
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var job = await host.Jobs.GetAsync(id, "anonymous", Ct);
        Assert.Equal(JobPhase.Completed, job!.Phase);
        var result = Assert.Single(job.Results);
        Assert.Equal(file.Length, result.Size);
        Assert.Equal("application/fits", result.MediaType);
        Assert.Equal(file.Sha256(), SyntheticFile.Sha256Of(result.Path!));

        // Four drops, each followed by a resume from exactly where it broke, guarded by If-Range.
        var requests = server.RequestsTo("big/field.fits");
        Assert.Equal(5, requests.Count);
        Assert.Equal(4, requests.Count(r => r.Dropped));
        Assert.Equal("", requests[0].Range);
        // Each resume starts where the client's file ended: after the previous start, and not beyond what the server
        // had sent (bytes still in flight when a connection is cut are lost, so it may be a little before).
        long previous = -1, sentSoFar = 0;
        foreach (var r in requests)
        {
            var start = r.Range.Length == 0 ? 0 : long.Parse(r.Range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(start > previous && start <= sentSoFar, $"resumed at {start} after {previous}, {sentSoFar} sent");
            Assert.Equal(start == 0 ? 200 : 206, r.Status);
            Assert.Equal(start == 0 ? "" : "\"42-" + file.Length + "\"", r.IfRange);
            sentSoFar = start + r.BytesSent;
            previous = start;
        }
        Assert.Equal(file.Length, sentSoFar);

        // Events in order, bytes never going back, the last progress saying all arrived.
        Assert.Equal(Enumerable.Range((int)events[0].Sequence, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var bytes = events.Where(e => e.Progress?.BytesDone is not null).Select(e => e.Progress!.BytesDone!.Value).ToList();
        Assert.True(bytes.Count > 10, "progress arrived along the way");
        Assert.Equal(bytes.Order(), bytes);
        var last = events.Last(e => e.Progress is not null).Progress!;
        Assert.Equal(file.Length, last.BytesDone);
        Assert.Equal(file.Length, last.BytesTotal);
        Assert.Equal("done", last.Files![0].State);
        Assert.Contains("resumed 4 time(s)", last.Files[0].Message, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Progress?.BytesPerSecond > 0 && e.Progress.EtaSeconds > 0);

        // The body streamed to disk: the process (server and client together) allocated far less than the file.
        Assert.True(allocated < 100_000_000, $"allocated {allocated} bytes during a {file.Length}-byte download");
    }
}
