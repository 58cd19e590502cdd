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
}
