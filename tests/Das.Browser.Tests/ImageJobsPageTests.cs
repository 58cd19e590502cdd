using System.Globalization;
using System.Security;
using System.Text.Json;
using System.Text.RegularExpressions;
using Das.Testing;
using Microsoft.Playwright;
using static Das.Browser.Tests.ArchiveAnswers;
using static Microsoft.Playwright.Assertions;

namespace Das.Browser.Tests;

/// <summary>
/// The image list and the jobs built from it: a fake SIA 2 archive lists two real FITS images on a loopback file
/// route that drips them slowly, the page downloads the selected ones as one job with live progress bars, then builds
/// a HiPS and a mosaic from the download and shows each on the sky. The HiPS and mosaic steps need Hipsgen (Debian
/// aladin, default-jre-headless) and Montage (montage), which ./test.sh installs; without them that test skips.
/// </summary>
public sealed class ImageJobsPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly SourceEntry[] Sources =
    [
        new("img", "Image archive", "/img/sia2", Kind: "images", Protocol: "sia2"),
    ];

    private static readonly string[] Files = ["job-east.fits", "job-west.fits"];

    private const string QueryString = "?RA=334.02&DEC=-7.8988&FOV=2&ERR=10";

    private DasServer _server = null!;
    private PageSession _session = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IPage Page => _session.Page;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Chromium.MissingReason is not null, Chromium.MissingReason ?? "");
        // Progress is sent every 100 ms, so the slow files below give several events between 0 and 100 %.
        _server = await DasServer.StartAsync(Sources, Ct, new Dictionary<string, string?> { ["Das:Downloads:ProgressInterval"] = "00:00:00.100" });
        _server.Archive.Route("/img/sia2", FakeResponse.VoTable(ImageList(
            [.. Files.Select(f => (_server.Archive.Url("files/" + f).AbsoluteUri, f))])));
        foreach (var file in Files)
        {
            _server.Archive.Route("/files/" + file, new FakeResponse
            {
                Body = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "images", file), Ct),
                ContentType = "application/fits",
                // 40 320 bytes in 2 KiB drops 100 ms apart: about two seconds per file, so progress can be watched.
                DripChunkBytes = 2048,
                DripInterval = TimeSpan.FromMilliseconds(100),
            });
        }
        _session = await PageSession.OpenAsync(browser.Chromium);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>An SIA 2 answer (ObsCore columns) with one FITS row per (URL, title): band r, 120 s, MJD 60000.25, 40 kbyte.</summary>
    private static string ImageList(params (string Url, string Title)[] images) =>
        "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">" +
        "<INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE name=\"images\">" +
        "<FIELD name=\"obs_id\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.id\"/>" +
        "<FIELD name=\"obs_title\" datatype=\"char\" arraysize=\"*\"/>" +
        "<FIELD name=\"s_ra\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.ra\"/><FIELD name=\"s_dec\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.dec\"/>" +
        "<FIELD name=\"energy_bandpassname\" datatype=\"char\" arraysize=\"*\" ucd=\"instr.bandpass\"/>" +
        "<FIELD name=\"t_exptime\" datatype=\"double\" unit=\"s\" ucd=\"time.duration;obs.exposure\"/>" +
        "<FIELD name=\"t_min\" datatype=\"double\" unit=\"d\" ucd=\"time.start;obs.exposure\"/>" +
        "<FIELD name=\"access_estsize\" datatype=\"long\" unit=\"kbyte\" ucd=\"phys.size;meta.file\"/>" +
        "<FIELD name=\"access_url\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.ref.url\"/>" +
        "<FIELD name=\"access_format\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.code.mime\"/><DATA><TABLEDATA>" +
        string.Concat(images.Select((image, i) => string.Create(CultureInfo.InvariantCulture,
            $"<TR><TD>image-{i}</TD><TD>{SecurityElement.Escape(image.Title)}</TD><TD>{Ra}</TD><TD>{Dec}</TD><TD>r</TD><TD>120</TD><TD>60000.25</TD><TD>40</TD>" +
            $"<TD>{SecurityElement.Escape(image.Url)}</TD><TD>image/fits</TD></TR>"))) +
        "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    private ILocator Job(string kind) => Page.Locator($"#jobs li.job[data-kind='{kind}']");

    private static string? MissingTools()
    {
        static bool OnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, name)));
        if (!OnPath("java") || !File.Exists("/usr/share/java/aladin.jar"))
        {
            return "Hipsgen is not installed (Debian packages aladin and default-jre-headless; ./test.sh installs them)";
        }
        return OnPath("mAdd") ? null : "Montage is not installed (Debian package montage; ./test.sh installs it)";
    }

    /// <summary>Runs the query, selects both images and downloads them; returns the download job's id once it completed.</summary>
    private async Task<string> DownloadBothAsync()
    {
        await Page.GotoAsync(_server.Url("/" + QueryString));
        var cards = Page.Locator("#images .image-source[data-source='img'] .image-card");
        await Expect(cards).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        var first = cards.First;
        await Expect(first.Locator(".image-title")).ToHaveTextAsync(Files[0]);
        await Expect(first.Locator("dd[data-fact='band']")).ToHaveTextAsync("r");
        await Expect(first.Locator("dd[data-fact='exposure']")).ToHaveTextAsync("120 s");
        await Expect(first.Locator("dd[data-fact='date']")).ToHaveTextAsync("2023-02-25T06:00:00Z");
        await Expect(first.Locator("dd[data-fact='size']")).ToHaveTextAsync("40.0 kB");
        await Expect(Page.Locator("#download-selected")).ToBeDisabledAsync();

        await Page.Locator("#images .image-source[data-source='img'] input.select-all").CheckAsync();
        await Expect(Page.Locator("#images .selected-count")).ToHaveTextAsync("2 selected (80.0 kB)");
        await Page.Locator("#download-selected").ClickAsync();
        var job = Job("download");
        await Expect(job).ToHaveCountAsync(1);
        await Expect(job.Locator(".job-file")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await _session.ScreenshotAsync("image-download-running");
        await Expect(job).ToHaveAttributeAsync("data-phase", "COMPLETED", new() { Timeout = 60_000 });
        return await job.GetAttributeAsync("data-job") ?? throw new InvalidOperationException("the job has no id");
    }

    [Fact]
    public async Task Selected_images_download_as_one_job_whose_progress_bars_rise_to_100_percent_with_links_to_the_files()
    {
        var id = await DownloadBothAsync();
        var job = Job("download");
        await Expect(job.Locator(".job-total")).ToHaveAttributeAsync("data-percent", "100");
        foreach (var file in Files)
        {
            var line = job.Locator($".job-file[data-name='{file}']");
            await Expect(line).ToHaveAttributeAsync("data-state", "done");
            await Expect(line.Locator(".file-bar")).ToHaveAttributeAsync("data-percent", "100");
        }
        await Expect(job.Locator("a.job-result")).ToHaveTextAsync(Files);
        await Expect(job.Locator(".job-cancel")).ToHaveCountAsync(0);

        // The order of what the page was shown: some progress between 0 and 100 % on the total and on each file
        // while the job ran, and only then COMPLETED at 100 %.
        var log = await Page.EvaluateAsync<JsonElement>("() => window.das.jobLog()");
        var entries = log.EnumerateArray().Where(e => e.GetProperty("job").GetString() == id).ToList();
        var completed = entries.FindIndex(e => e.GetProperty("phase").GetString() == "COMPLETED");
        Assert.True(completed > 0, "the page never showed the job COMPLETED after another state");
        var running = entries[..completed];
        Assert.Contains(running, e => e.GetProperty("percent").ValueKind == JsonValueKind.Number && e.GetProperty("percent").GetInt32() is > 0 and < 100);
        for (int f = 0; f < Files.Length; f++)
        {
            Assert.Contains(running, e => e.GetProperty("files").GetArrayLength() > f
                && e.GetProperty("files")[f].ValueKind == JsonValueKind.Number && e.GetProperty("files")[f].GetInt32() is > 0 and < 100);
        }
        Assert.Equal(100, entries[completed].GetProperty("percent").GetInt32());
        var percents = running.Select(e => e.GetProperty("percent")).Where(p => p.ValueKind == JsonValueKind.Number).Select(p => p.GetInt32()).ToList();
        Assert.Equal(percents.Order(), percents);

        // Each file went through the server once, and a result link gives its bytes.
        foreach (var file in Files)
        {
            Assert.Single(_server.Archive.RequestsTo("/files/" + file));
        }
        var href = await job.Locator("a.job-result").First.GetAttributeAsync("href");
        var response = await Page.APIRequest.GetAsync(_server.Url(href!));
        Assert.Equal(200, response.Status);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "images", Files[0]), Ct), await response.BodyAsync());

        // A reload lists the job again from GET /api/jobs.
        await Page.ReloadAsync();
        await Expect(Job("download")).ToHaveAttributeAsync("data-phase", "COMPLETED");
        await Expect(Job("download").Locator("a.job-result")).ToHaveTextAsync(Files);
        await _session.ScreenshotAsync("image-download-done");
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task A_download_becomes_a_HiPS_and_a_mosaic_that_are_shown_on_the_sky()
    {
        Assert.SkipWhen(MissingTools() is not null, MissingTools() ?? "");
        await DownloadBothAsync();

        await Job("download").Locator("button.build-hips").ClickAsync();
        var hips = Job("hips");
        await Expect(hips).ToHaveCountAsync(1);
        await Expect(hips).ToHaveAttributeAsync("data-phase", "COMPLETED", new() { Timeout = 240_000 });
        await hips.Locator("button.show-hips").ClickAsync();
        await Expect(Page.Locator("#sky")).ToHaveAttributeAsync("data-overlay-kind", "hips");
        var url = await Page.EvaluateAsync<string>("() => window.das.overlayUrl()");
        Assert.Matches(new Regex("^" + Regex.Escape(_server.Url("/hips-jobs/")) + "[0-9a-f]{16,}/$"), url);
        // Aladin reads the HiPS: its properties and at least one tile, from this server.
        await WaitForRequestAsync(u => u.StartsWith(url, StringComparison.Ordinal) && u.Contains("/Norder", StringComparison.Ordinal));
        Assert.Contains(_session.Requests, u => u == url + "properties");
        await Expect(Page.Locator("#image-overlay .overlay-name")).ToHaveTextAsync(new Regex("^HiPS "));
        await _session.ScreenshotAsync("image-hips-on-sky");

        await Job("download").Locator("button.build-mosaic").ClickAsync();
        var mosaic = Job("mosaic");
        await Expect(mosaic).ToHaveCountAsync(1);
        await Expect(mosaic).ToHaveAttributeAsync("data-phase", "COMPLETED", new() { Timeout = 240_000 });
        await Expect(mosaic.Locator("a.job-result")).ToHaveTextAsync(["mosaic.fits", "mosaic.png"]);
        await mosaic.Locator("button.show-mosaic").ClickAsync();
        await Expect(Page.Locator("#sky")).ToHaveAttributeAsync("data-overlay", "shown", new() { Timeout = 30_000 });
        await Expect(Page.Locator("#sky")).ToHaveAttributeAsync("data-overlay-kind", "fits");
        await Expect(Page.Locator("#image-overlay .overlay-name")).ToHaveTextAsync(new Regex("^mosaic "));
        Assert.Contains(_session.Requests, u => Regex.IsMatch(u, "/api/jobs/[^/]+/results/mosaic\\.fits$"));
        // The mosaic was asked of the query's region: 2 arcmin around the position.
        var parameters = await Page.EvaluateAsync<JsonElement>("async () => (await (await fetch('api/jobs')).json()).jobs.find(j => j.kind === 'mosaic').parameters");
        Assert.Equal(2, parameters.GetProperty("region").GetProperty("width").GetDouble());
        Assert.Equal(Ra, parameters.GetProperty("region").GetProperty("ra").GetDouble(), 6);
        await _session.ScreenshotAsync("image-mosaic-on-sky");
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task A_file_that_fails_shows_its_own_message_while_the_other_arrives_and_uploads_from_the_page_offer_the_builds()
    {
        // The west image is gone from the archive: its line says why; the east one arrives.
        _server.Archive.Route("/files/" + Files[1], FakeResponse.WithStatus(404, "no such image"));
        await Page.GotoAsync(_server.Url("/" + QueryString));
        await Expect(Page.Locator("#images .image-card")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Page.Locator("#images .image-card input.image-select").Nth(0).CheckAsync();
        await Page.Locator("#images .image-card input.image-select").Nth(1).CheckAsync();
        await Expect(Page.Locator("#images input.select-all")).ToBeCheckedAsync();
        await Page.Locator("#download-selected").ClickAsync();
        var job = Job("download");
        await Expect(job).ToHaveAttributeAsync("data-phase", "ERROR", new() { Timeout = 60_000 });
        await Expect(job.Locator($".job-file[data-name='{Files[0]}']")).ToHaveAttributeAsync("data-state", "done");
        var failed = job.Locator($".job-file[data-name='{Files[1]}']");
        await Expect(failed).ToHaveAttributeAsync("data-state", "failed");
        await Expect(failed.Locator(".file-message")).ToContainTextAsync("404");
        await Expect(job.Locator(".job-error")).ToContainTextAsync("1 of 2 file(s) failed");
        await Expect(job.Locator("a.job-result")).ToHaveTextAsync([Files[0]]);
        await Expect(job.Locator("button.build-hips")).ToHaveCountAsync(0);

        // The user's own FITS from the file input: an upload job, complete at once, with both builds offered.
        var upload = Page.Locator("#upload-fits");
        await upload.SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "images", Files[1]));
        var uploaded = Job("upload");
        await Expect(uploaded).ToHaveAttributeAsync("data-phase", "COMPLETED");
        await Expect(uploaded.Locator("a.job-result")).ToHaveTextAsync([Files[1]]);
        await Expect(uploaded.Locator("button.build-hips")).ToHaveCountAsync(1);
        await Expect(uploaded.Locator("button.build-mosaic")).ToHaveCountAsync(1);

        // A file that is not FITS is refused with the server's reason, and no job appears.
        await upload.SetInputFilesAsync(new FilePayload { Name = "notes.fits", MimeType = "application/fits", Buffer = "just some text"u8.ToArray() });
        await Expect(Page.Locator("#jobs .jobs-message")).ToHaveTextAsync(
            "The upload was refused: file 1 (notes.fits): not a FITS file: it begins with \"just some text\"");
        await Expect(Page.Locator("#jobs li.job")).ToHaveCountAsync(2);
        await _session.ScreenshotAsync("image-jobs-failed-and-upload");
        _session.AssertOnlyLoopbackRequests();
        // The refused upload's 400 is the answer the page shows, not an error of the page.
        _session.AssertNoErrors(e => e.Contains("400 (Bad Request)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_stops_a_running_download_and_the_job_ends_aborted()
    {
        foreach (var file in Files)
        {
            // So slow that the job is surely still running when Cancel is pressed.
            _server.Archive.Route("/files/" + file, new FakeResponse
            {
                Body = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "images", file), Ct),
                ContentType = "application/fits",
                DripChunkBytes = 512,
                DripInterval = TimeSpan.FromSeconds(1),
            });
        }
        await Page.GotoAsync(_server.Url("/" + QueryString));
        await Page.Locator("#images input.select-all").CheckAsync(new() { Timeout = 30_000 });
        await Page.Locator("#download-selected").ClickAsync();
        var job = Job("download");
        await Expect(job.Locator(".job-file[data-state='running']").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await job.Locator("button.job-cancel").ClickAsync();
        await Expect(job).ToHaveAttributeAsync("data-phase", "ABORTED", new() { Timeout = 30_000 });
        await Expect(job.Locator("button.job-cancel")).ToHaveCountAsync(0);
        await Expect(job.Locator("button.build-hips")).ToHaveCountAsync(0);
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    private async Task WaitForRequestAsync(Func<string, bool> match)
    {
        for (int i = 0; i < 300 && !_session.Requests.Any(match); i++)
        {
            await Task.Delay(100, Ct);
        }
        Assert.True(_session.Requests.Any(match), "the page never asked for a tile of the HiPS: " + string.Join(", ", _session.Requests.Where(u => u.Contains("hips-jobs", StringComparison.Ordinal))));
    }
}
