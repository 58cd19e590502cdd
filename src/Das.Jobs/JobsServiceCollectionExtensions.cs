using Das.Jobs.Downloads;
using Das.Jobs.Handlers;
using Das.Jobs.Running;
using Das.Jobs.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Das.Jobs;

/// <summary>Registers the job engine.</summary>
public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// The job service, events and executor with the in-process engine (SQLite store, queue with bounded
    /// concurrency as a hosted service). Handlers are registered separately as <c>IJobHandler</c> singletons.
    /// Throws at registration when the options are unusable, listing every problem.
    /// </summary>
    public static IServiceCollection AddDasJobs(this IServiceCollection services, JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new OptionsValidationException("Das:Jobs", typeof(JobOptions), problems);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<JobEvents>();
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<JobService>();
        if (string.Equals(options.Engine, "inprocess", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IJobStore>(_ => new SqliteJobStore(options.ResolvedDatabase));
            services.AddSingleton<InProcessJobRunner>();
            services.AddSingleton<IJobScheduler>(sp => sp.GetRequiredService<InProcessJobRunner>());
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<InProcessJobRunner>());
        }
        return services;
    }

    /// <summary>
    /// The "download" job kind, its store and HTTP client. The host may register its own <see cref="IDownloadPolicy"/>
    /// first (the web app allows the catalogue's hosts); otherwise <see cref="DownloadOptions.AllowedHosts"/> (or
    /// <see cref="DownloadOptions.AllowAnyHost"/>) decide. Call after <see cref="AddDasJobs"/>.
    /// </summary>
    public static IServiceCollection AddDasDownloads(this IServiceCollection services, DownloadOptions options, JobOptions jobs)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new OptionsValidationException("Das:Downloads", typeof(DownloadOptions), problems);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new DownloadStore(options.ResolvedDirectory(jobs), options.DiskBudgetBytes, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IDownloadPolicy>(_ => new ConfiguredDownloadPolicy(options));
        services.AddHttpClient(FileDownloader.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddSingleton<FileDownloader>();
        services.AddSingleton<IJobHandler, DownloadJobHandler>();
        return services;
    }
}
