using Das.Jobs;
using Das.Jobs.Downloads;
using Das.Jobs.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Das.Cli.Commands;

/// <summary>The job engine inside the command-line process (for <c>das download</c> and the download benchmark).</summary>
internal sealed class LocalJobs : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;

    private LocalJobs(ServiceProvider provider)
    {
        _provider = provider;
        _hosted = [.. provider.GetServices<IHostedService>()];
    }

    public JobService Jobs => _provider.GetRequiredService<JobService>();

    public JobEvents Events => _provider.GetRequiredService<JobEvents>();

    public static async Task<LocalJobs> StartAsync(JobOptions jobs, DownloadOptions downloads, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDasJobs(jobs);
        services.AddDasDownloads(downloads, jobs);
        var local = new LocalJobs(services.BuildServiceProvider());
        foreach (var s in local._hosted)
        {
            await s.StartAsync(ct);
        }
        return local;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _hosted)
        {
            await s.StopAsync(CancellationToken.None);
        }
        await _provider.DisposeAsync();
    }
}
