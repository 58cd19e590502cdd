using Das.Jobs.Downloads;
using Das.Jobs.Handlers;
using Das.Jobs.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Das.Jobs.Tests.Support;

/// <summary>The job engine as the web app wires it (AddDasJobs), over a data directory the test owns, started by hand.</summary>
internal sealed class JobHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;
    private bool _stopped;

    private JobHost(ServiceProvider provider)
    {
        _provider = provider;
        _hosted = [.. provider.GetServices<IHostedService>()];
    }

    public JobService Jobs => _provider.GetRequiredService<JobService>();

    public JobEvents Events => _provider.GetRequiredService<JobEvents>();

    public IServiceProvider Services => _provider;

    /// <summary>The job engine with the download kind, allowed to fetch from 127.0.0.1 only.</summary>
    public static Task<JobHost> StartDownloadsAsync(string dataDirectory, DownloadOptions? downloads = null) =>
        StartAsync(dataDirectory, null, 2, services => services.AddDasDownloads(
            (downloads ?? new DownloadOptions()) with { AllowedHosts = ["127.0.0.1"], ProgressInterval = TimeSpan.FromMilliseconds(50) },
            new JobOptions { DataDirectory = dataDirectory }));

    public static async Task<JobHost> StartAsync(string dataDirectory, IJobHandler? handler, int concurrency = 2, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var options = new JobOptions { DataDirectory = dataDirectory, Concurrency = concurrency, FlushInterval = TimeSpan.FromMilliseconds(50) };
        services.AddDasJobs(options);
        if (handler is not null)
        {
            services.AddSingleton(handler);
        }
        more?.Invoke(services);
        var host = new JobHost(services.BuildServiceProvider());
        foreach (var s in host._hosted)
        {
            await s.StartAsync(CancellationToken.None);
        }
        return host;
    }

    /// <summary>A graceful stop (what Ctrl-C does).</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        foreach (var s in _hosted)
        {
            await s.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Leaves the workers as they are, as a crash would: nothing is recorded.</summary>
    public void Abandon() => _stopped = true;

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }
        await _provider.DisposeAsync();
    }
}
