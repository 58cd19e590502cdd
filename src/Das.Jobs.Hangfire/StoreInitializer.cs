using Das.Jobs.Store;
using Microsoft.Extensions.Hosting;

namespace Das.Jobs.Hangfire;

/// <summary>Creates the job table before the Hangfire server starts taking jobs.</summary>
internal sealed class StoreInitializer(IJobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
