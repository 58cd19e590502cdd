using Das.Jobs.Running;
using Das.Jobs.Store;
using global::Hangfire;
using global::Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Das.Jobs.Hangfire;

/// <summary>Registers the distributed engine.</summary>
public static class HangfireJobsServiceCollectionExtensions
{
    /// <summary>
    /// With <see cref="JobOptions.Engine"/> = hangfire: job records in PostgreSQL (<see cref="JobOptions.Postgres"/>,
    /// schema <see cref="JobOptions.PostgresSchema"/>), Hangfire's storage in SCHEMA_hangfire, a Hangfire server
    /// with <see cref="JobOptions.Concurrency"/> workers when <see cref="JobOptions.Worker"/>, and live events
    /// across instances. Call after <c>AddDasJobs</c>.
    /// </summary>
    public static IServiceCollection AddDasJobsOnHangfire(this IServiceCollection services, JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = options.Postgres ?? throw new ArgumentException("Das:Jobs:Postgres is required for the hangfire engine", nameof(options));
        var dataSource = NpgsqlDataSource.Create(connection);
        var store = new PostgresJobStore(dataSource, options.PostgresSchema, options.ResolvedInstanceName);
        services.AddSingleton(dataSource);
        services.AddSingleton(store);
        services.AddSingleton<IJobStore>(store);
        services.AddSingleton(options);
        services.AddSingleton<IHostedService, StoreInitializer>();
        services.AddSingleton<IJobScheduler, HangfireJobScheduler>();
        services.AddSingleton<HangfireJobEntry>();
        services.AddHostedService<PostgresJobNotifications>();
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseActivator(new ServiceJobActivator(sp))
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connection), new PostgreSqlStorageOptions
            {
                SchemaName = options.PostgresSchema + "_hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromMilliseconds(200),
            }));
        if (options.Worker)
        {
            services.AddHangfireServer((_, server) =>
            {
                server.WorkerCount = options.Concurrency;
                server.ServerName = options.ResolvedInstanceName;
                server.ShutdownTimeout = TimeSpan.FromSeconds(15);
            });
        }
        return services;
    }

    /// <summary>Hangfire makes job objects from this instance's container (two instances in one process stay apart).</summary>
    private sealed class ServiceJobActivator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
    }
}
