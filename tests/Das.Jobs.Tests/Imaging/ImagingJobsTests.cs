using System.Text.Json;
using Das.Engine.Access;
using Das.Imaging;
using Das.Imaging.Tools;
using Das.Jobs.Downloads;
using Das.Jobs.Imaging;
using Das.Jobs.Model;
using Das.Jobs.Tests.Support;

namespace Das.Jobs.Tests.Imaging;

/// <summary>
/// The "hips" and "mosaic" job kinds end to end on the DaCHS peer's images: a download job fetches them, the imaging
/// job builds from its results through the job engine. Skipped without DaCHS, Hipsgen or Montage, with the reason.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ImagingJobsTests
{
    private static readonly AccessContext Alice = AccessContext.ForGroups("alice");
    private static readonly AccessContext Bob = AccessContext.ForGroups("bob");
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly string[] Images =
    [
        "frb_host_g_01", "frb_host_r_02", "frb_host_i_03", "ngc6302_g_04", "ngc6302_r_05", "ngc6302_i_06",
        "f307_g_07", "f307_r_08", "f307_i_09", "m31_dense_g_10", "m31_dense_r_11", "m31_dense_i_12",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Uri Dachs()
    {
        var url = Environment.GetEnvironmentVariable("DAS_DACHS_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Skip("the DaCHS peer is not running (./test.sh starts it and sets DAS_DACHS_URL)");
        }
        var uri = new Uri(url.TrimEnd('/') + "/");
        Assert.True(uri.IsLoopback);
        return uri;
    }

    private static Task<JobHost> StartAsync(string dir, ImagingToolOptions? tools = null)
    {
        var jobs = new JobOptions { DataDirectory = dir };
        return JobHost.StartAsync(dir, new ScriptedHandler(), more: services => services
            .AddDasDownloads(new DownloadOptions { AllowedHosts = ["127.0.0.1", "localhost"] }, jobs)
            .AddDasImagingJobs(new ImagingOptions { Tools = tools ?? new ImagingToolOptions() }, jobs));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static async Task<JobRecord> RunAsync(JobHost host, string kind, object parameters, AccessContext who)
    {
        var created = await host.Jobs.CreateAsync(kind, JsonSerializer.SerializeToElement(parameters), who, Ct);
        Assert.True(created.Problem is null, created.Problem);
        var job = await host.Jobs.WaitAsync(created.Job!.Id, "user:" + who.User, null, Long, Ct);
        Assert.NotNull(job);
        return job;
    }

    private static async Task<JobRecord> DownloadAsync(JobHost host, Uri dachs, IEnumerable<string> names)
    {
        var urls = names.Select(n => new Uri(dachs, $"getproduct/synthimg/data/{n}.fits").AbsoluteUri).ToArray();
        var job = await RunAsync(host, "download", new { urls }, Alice);
        Assert.True(job.Phase == JobPhase.Completed, job.Error);
        return job;
    }

    private static void RequireHipsgen()
    {
        var tools = new ImagingToolOptions();
        if (ToolRunner.Resolve(tools.Java) is null || !File.Exists(tools.AladinJar))
        {
            Assert.Skip("Hipsgen is not installed (Debian packages aladin and default-jre-headless; ./test.sh installs them)");
        }
    }

    private static void RequireMontage()
    {
        if (ToolRunner.Resolve("mAdd") is null)
        {
            Assert.Skip("Montage is not installed (Debian package montage; ./test.sh installs it)");
        }
    }

    [Fact]
    public async Task A_hips_job_over_a_download_jobs_12_images_completes_with_its_url_and_a_second_one_is_cached()
    {
        var dachs = Dachs();
        RequireHipsgen();
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var download = await DownloadAsync(host, dachs, Images);
        var job = await RunAsync(host, "hips", new { inputs = new[] { download.Id }, title = "DaCHS synthetic images" }, Alice);
        Assert.True(job.Phase == JobPhase.Completed, job.Error);
        var hips = job.Results.Single(r => r.Name == "hips");
        Assert.Matches("^/hips-jobs/[0-9a-f]{64}/$", hips.Url);
        Assert.True(File.Exists(Path.Combine(hips.Path!, "properties")));
        Assert.Equal(Path.Combine(dir.Path, "hips", hips.Url![11..^1]), hips.Path);
        Assert.Contains("-hipsgen", hips.Source, StringComparison.Ordinal);
        Assert.Equal(1.0, job.Progress!.Fraction);
        Assert.StartsWith("step 8 of 8 (CHECK)", job.Progress.Step, StringComparison.Ordinal);

        var again = await RunAsync(host, "hips", new { inputs = new[] { download.Id }, title = "DaCHS synthetic images" }, Alice);
        Assert.True(again.Phase == JobPhase.Completed, again.Error);
        Assert.Equal(hips.Url, again.Results.Single(r => r.Name == "hips").Url);
        Assert.EndsWith("(from the cache)", again.Results.Single(r => r.Name == "hips").Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mosaic_job_over_three_chosen_results_writes_fits_png_and_the_wcs_for_the_sky()
    {
        var dachs = Dachs();
        RequireMontage();
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var download = await DownloadAsync(host, dachs, Images[..6]);
        var inputs = Images[..3].Select(n => new { job = download.Id, result = n + ".fits" }).ToArray();
        var job = await RunAsync(host, "mosaic", new { inputs, region = new { ra = 334.02, dec = -7.8988, width = 10 } }, Alice);
        Assert.True(job.Phase == JobPhase.Completed, job.Error);
        Assert.Equal(["mosaic.fits", "mosaic.png", "mosaic_area.fits", "mosaic.json"], job.Results.Select(r => r.Name));
        Assert.All(job.Results, r => Assert.True(File.Exists(r.Path) && new FileInfo(r.Path!).Length == r.Size));
        Assert.Equal("image/png", job.Results[1].MediaType);
        var summary = Json(await File.ReadAllTextAsync(job.Results[3].Path!, Ct));
        Assert.Equal(334.02, summary.GetProperty("wcs").GetProperty("crval")[0].GetDouble(), 9);
        Assert.Equal(300, summary.GetProperty("wcs").GetProperty("naxis")[0].GetInt32());
        Assert.Equal(4, summary.GetProperty("corners").GetArrayLength());
        // The images keep the names users know (the download store names its files by hash).
        Assert.Equal(["frb_host_g_01.fits", "frb_host_r_02.fits", "frb_host_i_03.fits"], summary.GetProperty("used").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("mProjectPP", job.Results[0].Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_java_or_montage_the_jobs_fail_naming_the_debian_packages()
    {
        var dachs = Dachs();
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path, new ImagingToolOptions { Java = "/nonexistent/java", MontageDirectory = "/nonexistent/montage" });
        var download = await DownloadAsync(host, dachs, Images[..1]);
        var hips = await RunAsync(host, "hips", new { inputs = new[] { download.Id } }, Alice);
        Assert.Equal(JobPhase.Error, hips.Phase);
        Assert.StartsWith("Hipsgen needs Java and the Debian package aladin: apt-get install aladin default-jre-headless", hips.Error, StringComparison.Ordinal);
        var mosaic = await RunAsync(host, "mosaic", new { inputs = new[] { download.Id } }, Alice);
        Assert.Equal(JobPhase.Error, mosaic.Phase);
        Assert.StartsWith("Mosaics need Montage, the Debian package montage: apt-get install montage", mosaic.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_parameters_and_another_owners_job_are_refused_before_a_job_is_made()
    {
        var dachs = Dachs();
        using var dir = new TempDirectory();
        await using var host = await StartAsync(dir.Path);
        var download = await DownloadAsync(host, dachs, Images[..1]);
        async Task<string?> Problem(string kind, string parameters, AccessContext who) => (await host.Jobs.CreateAsync(kind, Json(parameters), who, Ct)).Problem;
        Assert.Equal("give \"inputs\": the ids of your completed download jobs, or [{\"job\": ID, \"result\": NAME}, ...]", await Problem("hips", "{}", Alice));
        Assert.Equal($"input 1: no job {download.Id}", await Problem("hips", $$"""{"inputs":["{{download.Id}}"]}""", Bob));
        Assert.Equal($"input 1: job {download.Id} has no result nope.fits", await Problem("mosaic", $$"""{"inputs":[{"job":"{{download.Id}}","result":"nope.fits"}]}""", Alice));
        Assert.Equal("hips_order 40 is outside 3-29", await Problem("hips", $$"""{"inputs":["{{download.Id}}"],"order":40}""", Alice));
        Assert.Equal("combine 'sum' is not mean, median or count", await Problem("mosaic", $$"""{"inputs":["{{download.Id}}"],"combine":"sum"}""", Alice));
        Assert.Equal("region size 11 x 11 degrees is not in (0, 10]",
            await Problem("mosaic", $$$"""{"inputs":["{{{download.Id}}}"],"region":{"ra":10,"dec":41,"width":660}}""", Alice));
    }
}
