using System.Collections.Concurrent;
using Das.Jobs.Handlers;
using Das.Jobs.Model;
using Das.Jobs.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Das.Jobs.Hangfire.Tests;

/// <summary>
/// One Das instance on the Hangfire engine (its own container, hosted services, Hangfire server and instance name)
/// against the shared PostgreSQL of DAS_POSTGRES_URL. Two of them in one test are two instances sharing the work.
/// </summary>
internal sealed class HangfireInstance : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;

    private HangfireInstance(ServiceProvider provider)
    {
        _provider = provider;
        _hosted = [.. provider.GetServices<IHostedService>()];
    }

    public JobService Jobs => _provider.GetRequiredService<JobService>();

    public JobEvents Events => _provider.GetRequiredService<JobEvents>();

    /// <summary>The instance's job store (its NOTIFY channel and records).</summary>
    public PostgresJobStore Store => _provider.GetRequiredService<PostgresJobStore>();

    /// <summary>The PostgreSQL connection string, or a skip with the reason.</summary>
    public static string Postgres()
    {
        var url = Environment.GetEnvironmentVariable("DAS_POSTGRES_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Skip("no PostgreSQL (./test.sh starts one on 127.0.0.1:5439 and sets DAS_POSTGRES_URL)");
        }
        return url;
    }

    public static async Task<HangfireInstance> StartAsync(string name, string schema, string dataDirectory, IJobHandler handler, bool worker = true)
    {
        var options = new JobOptions
        {
            Engine = "hangfire",
            Postgres = Postgres(),
            PostgresSchema = schema,
            InstanceName = name,
            Worker = worker,
            Concurrency = 1,
            DataDirectory = Path.Combine(dataDirectory, name),
            FlushInterval = TimeSpan.FromMilliseconds(100),
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDasJobs(options);
        services.AddDasJobsOnHangfire(options);
        services.AddSingleton(handler);
        var instance = new HangfireInstance(services.BuildServiceProvider());
        foreach (var s in instance._hosted)
        {
            await s.StartAsync(CancellationToken.None);
        }
        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in Enumerable.Reverse(_hosted))
        {
            await s.StopAsync(CancellationToken.None);
        }
        await _provider.DisposeAsync();
    }
}

/// <summary>A job kind shared by both instances of a test: reports progress, and can wait for the test's word.</summary>
internal sealed class SharedHandler : IJobHandler
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new(StringComparer.Ordinal);

    public string Kind => "shared";

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task StartedAsync(string id) => _started.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public ValueTask<string?> CheckAsync(JobContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public async Task<IReadOnlyList<JobResult>> RunAsync(JobContext context, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        progress.Report(new JobProgress(0.5, "half way"));
        _started.GetOrAdd(context.JobId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (context.Parameters.TryGetProperty("hold", out var hold) && hold.GetBoolean())
        {
            await Gate.Task.WaitAsync(cancellationToken);
        }
        var path = Path.Combine(context.WorkDirectory, "out.txt");
        await File.WriteAllTextAsync(path, context.JobId, cancellationToken);
        return [new JobResult("out.txt", path, "text/plain", new FileInfo(path).Length)];
    }
}
