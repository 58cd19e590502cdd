using System.Globalization;
using System.Text.Json;
using Das.Engine.Access;
using Das.Imaging;
using Das.Imaging.Tools;
using Das.Jobs;
using Das.Jobs.Downloads;
using Das.Jobs.Imaging;
using Das.Jobs.Model;
using Das.Jobs.Running;
using Das.Vo;
using Das.Vo.Answers;
using Das.Vo.Http;
using Das.Vo.Sia;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Das.Cli.Bench;

/// <summary>
/// <c>das bench hips</c>: the "hips" job on the DaCHS peer's 12 images (found by SIA 1, fetched by a download job)
/// against a bare Hipsgen command on the same files with Hipsgen's default actions, alternating, in one run. The job
/// is timed as a user sees it, from creating it to its COMPLETED phase (staging, Hipsgen, LINT, CHECK, the cache).
/// </summary>
internal static class HipsBench
{
    private static readonly (double Ra, double Dec)[] Fields = [(334.02, -7.8988), (258.435, -37.1033), (307.8884, -7.0883), (10.6847, 41.2687)];

    public static async Task<int> RunAsync(TextWriter output, TextWriter error, Uri dachs, int runs, CancellationToken ct)
    {
        var tools = new ImagingToolOptions();
        var data = Directory.CreateTempSubdirectory("das-bench-hips-").FullName;
        try
        {
            var urls = await FindImagesAsync(dachs, ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"SIA 1 on {dachs}: {urls.Count} images"));
            var jobs = new JobOptions { DataDirectory = data };
            var services = new ServiceCollection()
                .AddLogging()
                .AddDasJobs(jobs)
                .AddDasDownloads(new DownloadOptions { AllowedHosts = [dachs.Host] }, jobs)
                .AddDasImagingJobs(new ImagingOptions { Tools = tools }, jobs);
            await using var provider = services.BuildServiceProvider();
            var hosted = provider.GetServices<IHostedService>().ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(ct);
            }
            try
            {
                var service = provider.GetRequiredService<JobService>();
                var download = await RunJobAsync(service, "download", new { urls }, ct);
                if (download.Phase != JobPhase.Completed)
                {
                    await error.WriteLineAsync("das bench hips: the download job failed: " + download.Error);
                    return DasCli.UsageOrInputError;
                }
                var bareInput = Path.Combine(data, "bare-in");
                Directory.CreateDirectory(bareInput);
                foreach (var result in download.Results)
                {
                    File.CreateSymbolicLink(Path.Combine(bareInput, result.Name), result.Path!);
                }
                var bare = new List<double>();
                var job = new List<double>();
                for (int run = 1; run <= runs; run++)
                {
                    // Hipsgen's default actions (INDEX TILES PNG CHECKCODE DETAILS), nothing else: what a person would type.
                    var command = new ToolCommand
                    {
                        FileName = tools.Java,
                        Arguments = ["-Djava.awt.headless=true", "-jar", tools.AladinJar, "-hipsgen", "in=" + bareInput,
                            "out=" + Path.Combine(data, $"bare-out-{run}"), $"creator_did=ivo://das.bench/P/bare{run}"],
                        DisplayName = "Hipsgen",
                        InstallHint = ImagingToolOptions.HipsgenInstallHint,
                    };
                    var plain = await ToolRunner.System.RunAsync(command, null, ct);
                    if (plain.ExitCode != 0 || plain.StandardOutput.Contains("ABORT", StringComparison.Ordinal))
                    {
                        await error.WriteLineAsync("das bench hips: the bare Hipsgen run failed:\n" + plain.StandardOutput + plain.StandardError);
                        return DasCli.UsageOrInputError;
                    }
                    bare.Add(plain.Elapsed.TotalSeconds);
                    // Another title each run: another cache key, so every run builds.
                    long start = TimeProvider.System.GetTimestamp();
                    var hips = await RunJobAsync(service, "hips", new { inputs = new[] { download.Id }, title = $"bench run {run}" }, ct);
                    job.Add(TimeProvider.System.GetElapsedTime(start).TotalSeconds);
                    if (hips.Phase != JobPhase.Completed)
                    {
                        await error.WriteLineAsync("das bench hips: the hips job failed: " + hips.Error);
                        return DasCli.UsageOrInputError;
                    }
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"run {run}: bare Hipsgen {bare[^1]:0.00} s, hips job {job[^1]:0.00} s (ratio {job[^1] / bare[^1]:0.00})"));
                }
                var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", ct)).Split(' ')[0] : "unknown";
                double ratio = job.Min() / bare.Min();
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"best of {runs}: bare Hipsgen {bare.Min():0.00} s, hips job {job.Min():0.00} s, ratio {ratio:0.00} (target <= 1.5); load average {load}"));
                await output.WriteLineAsync("DAS_RESULT " + JsonSerializer.Serialize(new { images = urls.Count, bare_s = bare, job_s = job, ratio, load_average = load }));
                return 0;
            }
            finally
            {
                foreach (var service in hosted)
                {
                    await service.StopAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<JobRecord> RunJobAsync(JobService service, string kind, object parameters, CancellationToken ct)
    {
        var created = await service.CreateAsync(kind, JsonSerializer.SerializeToElement(parameters), AccessContext.Anonymous, ct);
        if (created.Job is null)
        {
            throw new InvalidOperationException($"the {kind} job was refused: {created.Problem}");
        }
        return await service.WaitAsync(created.Job.Id, created.Job.Owner, null, TimeSpan.FromMinutes(30), ct)
            ?? throw new InvalidOperationException($"the {kind} job disappeared");
    }

    /// <summary>The access URLs of every image at the four DaCHS fields, by SIA 1.</summary>
    private static async Task<IReadOnlyList<string>> FindImagesAsync(Uri dachs, CancellationToken ct)
    {
        await using var services = new ServiceCollection().AddDasVo(DasUserAgent.Test).BuildServiceProvider();
        var client = services.GetRequiredService<VoQueryClient>();
        var urls = new List<string>();
        foreach (var (ra, dec) in Fields)
        {
            var query = new Sia1Query { Endpoint = new Uri(dachs, "synthimg/q/i/siap.xml"), RaDeg = ra, DecDeg = dec, SizeDeg = 0.1 };
            var answer = await client.QueryAsync(query.BuildRequest(), new VoCallOptions { Budget = TimeSpan.FromSeconds(60) }, null, ct);
            var access = answer.Table.FindColumnByUcd("VOX:Image_AccessReference") ?? answer.Table.FindColumn("accref")
                ?? throw new InvalidOperationException("the SIA answer has no access reference column");
            for (int row = 0; row < answer.Table.RowCount; row++)
            {
                urls.Add(Convert.ToString(access.GetValue(row), CultureInfo.InvariantCulture)!);
            }
        }
        return urls;
    }
}
