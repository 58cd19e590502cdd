using System.Text.Json;
using Das.Engine.Access;
using Das.Jobs.Downloads;
using Das.Jobs.Model;
using Das.Jobs.Tests.Support;
using Das.Testing;

namespace Das.Jobs.Tests.Downloads;

public sealed class DownloadJobHandlerTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(120);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static JsonElement Files(params object[] files) => JsonSerializer.SerializeToElement(new { files });

    internal static async Task<JobRecord> RunAsync(JobHost host, JsonElement parameters)
    {
        var created = await host.Jobs.CreateAsync("download", parameters, AccessContext.Anonymous, Ct);
        Assert.Null(created.Problem);
        return (await host.Jobs.WaitAsync(created.Job!.Id, "anonymous", null, Long, Ct))!;
    }

    [Fact]
    public async Task A_server_that_ignores_range_makes_the_download_restart_from_zero_and_still_arrive_intact()
    {
        using var dir = new TempDirectory();
        await using var server = await FakeFileServer.StartAsync(Ct);
        var file = new SyntheticFile(3_000_000, 7);
        var url = server.Serve("plain.bin", file, new FileServing { IgnoreRange = true, DropEveryBytes = 1_000_000, MaxDrops = 2 });
        await using var host = await JobHost.StartDownloadsAsync(dir.Path);

        var job = await RunAsync(host, Files(new { url }));

        Assert.Equal(JobPhase.Completed, job.Phase);
        var result = Assert.Single(job.Results);
        Assert.Equal(file.Sha256(), SyntheticFile.Sha256Of(result.Path!));
        var requests = server.RequestsTo("plain.bin");
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(200, r.Status));
        Assert.NotEqual("", requests[1].Range); // it asked to resume; the server sent everything again
        Assert.Contains("ignored the Range request", job.Progress!.Files![0].Message ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_size_over_the_cap_is_refused_before_reading()
    {
        using var dir = new TempDirectory();
        await using var server = await FakeFileServer.StartAsync(Ct);
        var url = server.Serve("big.fits", SyntheticFile.FitsFile(5_000_000, 1), new FileServing { BytesPerSecond = 1_000_000 });
        await using var host = await JobHost.StartDownloadsAsync(dir.Path, new DownloadOptions { MaxFileMegabytes = 1, DiskBudgetMegabytes = 10 });

        var job = await RunAsync(host, Files(new { url }));

        Assert.Equal(JobPhase.Error, job.Phase);
        Assert.Equal("1 of 1 file(s) failed: big.fits: the server declares 5002560 bytes, over the cap of 1000000 bytes (Das:Downloads:MaxFileMegabytes = 1); nothing was downloaded", job.Error);
        Assert.Empty(job.Results);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(dir.Path, "downloads"), "*", SearchOption.AllDirectories));
        Assert.True(server.BytesSent < 1_000_000, "the body was not read");
    }

    [Fact]
    public async Task A_stream_of_undeclared_size_is_stopped_at_the_cap()
    {
        using var dir = new TempDirectory();
        await using var server = await FakeFileServer.StartAsync(Ct);
        var url = server.Serve("endless.bin", new SyntheticFile(3_000_000, 2), new FileServing { NoContentLength = true });
        await using var host = await JobHost.StartDownloadsAsync(dir.Path, new DownloadOptions { MaxFileMegabytes = 1, DiskBudgetMegabytes = 10 });

        var job = await RunAsync(host, Files(new { url }));

        Assert.Equal(JobPhase.Error, job.Phase);
        Assert.Contains("endless.bin: stopped at ", job.Error, StringComparison.Ordinal);
        Assert.Contains("over the cap of 1000000 bytes", job.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(dir.Path, "downloads"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_html_page_served_for_a_fits_url_fails_the_fits_check_and_is_not_kept()
    {
        using var dir = new TempDirectory();
        await using var server = await FakeVoServer.StartAsync(Ct);
        server.Route("/cutout/m31.fits", FakeResponse.Html("Service busy"));
        await using var host = await JobHost.StartDownloadsAsync(dir.Path);

        var job = await RunAsync(host, Files(new { url = server.Url("/cutout/m31.fits") }));

        Assert.Equal(JobPhase.Error, job.Phase);
        Assert.Equal("1 of 1 file(s) failed: m31.fits: not a FITS file: it begins with \"<!DOCTYPE html><html><head><title>Servic\"", job.Error);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(dir.Path, "downloads", "files")));
    }

    [Fact]
    public async Task A_fits_file_cut_short_of_its_last_2880_byte_block_fails_the_fits_check()
    {
        using var dir = new TempDirectory();
        await using var server = await FakeFileServer.StartAsync(Ct);
        var file = SyntheticFile.FitsFile(100_000, 3);
        var url = server.Serve("cut.fits", file, new FileServing { DeclaredLength = file.Length - 1000, ContentType = "application/fits" });
        await using var host = await JobHost.StartDownloadsAsync(dir.Path);

        var job = await RunAsync(host, Files(new { url }));

        Assert.Equal(JobPhase.Error, job.Phase);
        Assert.Contains("cut.fits: a truncated FITS file: 99800 bytes is not a whole number of 2880-byte blocks", job.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_failed_file_fails_the_job_by_name_and_the_files_that_arrived_are_kept()
    {
        using var dir = new TempDirectory();
        await using var server = await FakeFileServer.StartAsync(Ct);
        var good = server.Serve("good.fits", SyntheticFile.FitsFile(50_000, 4));
        var missing = server.Url("missing.fits");
        await using var host = await JobHost.StartDownloadsAsync(dir.Path);

        var job = await RunAsync(host, Files(new { url = good }, new { url = missing }));

        Assert.Equal(JobPhase.Error, job.Phase);
        Assert.Equal("1 of 2 file(s) failed: missing.fits: HTTP 404 Not Found from 127.0.0.1", job.Error);
        var kept = Assert.Single(job.Results);
        Assert.Equal("good.fits", kept.Name);
        Assert.Equal(good.AbsoluteUri, kept.Source);
        Assert.Equal(["done", "failed"], job.Progress!.Files!.Select(f => f.State));
    }

    [Fact]
    public async Task Cancelling_stops_the_transfer_and_aborts_the_job()
    {
        using var dir = new TempDirectory();
        await using var server = await FakeFileServer.StartAsync(Ct);
        var url = server.Serve("slow.fits", SyntheticFile.FitsFile(50_000_000, 5), new FileServing { BytesPerSecond = 2_000_000 });
        await using var host = await JobHost.StartDownloadsAsync(dir.Path);
        var id = (await host.Jobs.CreateAsync("download", Files(new { url }), AccessContext.Anonymous, Ct)).Job!.Id;
        await foreach (var e in host.Events.WatchAsync("anonymous", id, Ct))
        {
            if (e.Progress?.BytesDone > 0)
            {
                break;
            }
        }

        var job = await host.Jobs.CancelAsync(id, "anonymous", Ct);

        Assert.Equal(JobPhase.Aborted, job!.Phase);
        var sent = server.BytesSent;
        await Task.Delay(300, Ct);
        Assert.True(server.BytesSent - sent < 1_000_000, "the transfer stopped");
        Assert.True(server.BytesSent < 50_000_000);
    }

    [Fact]
    public async Task The_same_url_twice_is_fetched_once_and_then_served_from_the_store()
    {
        using var dir = new TempDirectory();
        await using var server = await FakeFileServer.StartAsync(Ct);
        var url = server.Serve("a.fits", SyntheticFile.FitsFile(200_000, 6));
        await using var host = await JobHost.StartDownloadsAsync(dir.Path);

        var first = await RunAsync(host, Files(new { url }));
        var second = await RunAsync(host, Files(new { url, name = "again.fits" }));

        Assert.Equal(JobPhase.Completed, second.Phase);
        Assert.Single(server.RequestsTo("a.fits"));
        Assert.Equal(first.Results[0].Path, second.Results[0].Path);
        Assert.Equal("again.fits", second.Results[0].Name);
        Assert.Equal("already in the download store", second.Progress!.Files![0].Message);
    }

    [Fact]
    public async Task Least_recently_used_files_leave_the_store_first_when_the_budget_is_full()
    {
        using var dir = new TempDirectory();
        await using var server = await FakeFileServer.StartAsync(Ct);
        var urls = new[] { "a", "b", "c", "d" }.Select((n, i) => server.Serve(n + ".fits", SyntheticFile.FitsFile(900_000, (ulong)(10 + i)))).ToArray();
        await using var host = await JobHost.StartDownloadsAsync(dir.Path, new DownloadOptions { MaxFileMegabytes = 1, DiskBudgetMegabytes = 3 });

        var a = await RunAsync(host, Files(new { url = urls[0] }));
        await Task.Delay(20, Ct);
        var b = await RunAsync(host, Files(new { url = urls[1] }));
        await Task.Delay(20, Ct);
        var c = await RunAsync(host, Files(new { url = urls[2] }));
        await Task.Delay(20, Ct);
        await RunAsync(host, Files(new { url = urls[0] })); // a is used again: b is now the least recently used
        await Task.Delay(20, Ct);
        var d = await RunAsync(host, Files(new { url = urls[3] }));

        Assert.All(new[] { a, b, c, d }, j => Assert.Equal(JobPhase.Completed, j.Phase));
        Assert.True(File.Exists(a.Results[0].Path));
        Assert.False(File.Exists(b.Results[0].Path), "b was the least recently used");
        Assert.True(File.Exists(c.Results[0].Path));
        Assert.True(File.Exists(d.Results[0].Path));
    }

    [Theory]
    [InlineData("""{"files":[{"url":"http://example.org/m31.fits"}]}""", "may not download http://example.org/m31.fits: example.org is not a configured source's host nor in Das:Downloads:AllowedHosts")]
    [InlineData("""{"urls":["file:///etc/passwd"]}""", "file 1: give an absolute http or https URL")]
    [InlineData("""{"urls":["http://user:secret@127.0.0.1/x.fits"]}""", "file 1: URLs with user:password are not accepted")]
    [InlineData("""{"urls":[]}""", "no files to download")]
    [InlineData("""{"url":"http://127.0.0.1/x"}""", "give \"files\": [{\"url\": ...}] or \"urls\": [...]")]
    public async Task Urls_the_server_may_not_fetch_are_refused_before_a_job_exists(string parameters, string problem)
    {
        using var dir = new TempDirectory();
        await using var host = await JobHost.StartDownloadsAsync(dir.Path);

        var created = await host.Jobs.CreateAsync("download", ScriptedHandler.Parameters(parameters), AccessContext.Anonymous, Ct);

        Assert.Null(created.Job);
        Assert.Equal(problem, created.Problem);
    }
}
