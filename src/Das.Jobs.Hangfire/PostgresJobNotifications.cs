using System.Threading.Channels;
using Das.Jobs.Running;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Das.Jobs.Hangfire;

/// <summary>
/// Forwards job changes made by other instances to this instance's <see cref="JobEvents"/>: LISTENs on the store's
/// channel and, for each "instance|id" from another instance, reads the record and publishes its phase and latest
/// progress (progress of a job running elsewhere thus arrives at the store's flush pace, 1 s by default).
/// Reconnects after a lost connection.
/// </summary>
internal sealed partial class PostgresJobNotifications(NpgsqlDataSource dataSource, PostgresJobStore store, JobEvents events, JobOptions options, TimeProvider time, ILogger<PostgresJobNotifications> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var payloads = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var forwarding = ForwardAsync(payloads.Reader, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => payloads.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand("LISTEN " + store.Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                LogLost(log, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        payloads.Writer.TryComplete();
        await forwarding;
    }

    private async Task ForwardAsync(ChannelReader<string> payloads, CancellationToken stoppingToken)
    {
        var self = options.ResolvedInstanceName + "|";
        try
        {
            await foreach (var payload in payloads.ReadAllAsync(stoppingToken))
            {
                if (payload.StartsWith(self, StringComparison.Ordinal) || payload.IndexOf('|', StringComparison.Ordinal) is var bar && bar < 0)
                {
                    continue;
                }
                try
                {
                    if (await store.GetAsync(payload[(bar + 1)..], stoppingToken) is { } job)
                    {
                        events.Publish(job.Id, job.Owner, job.Phase, job.Progress, job.Error, time.GetUtcNow());
                    }
                }
                catch (NpgsqlException e)
                {
                    LogLost(log, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Job notifications from PostgreSQL interrupted; reconnecting")]
    private static partial void LogLost(ILogger logger, Exception exception);
}
