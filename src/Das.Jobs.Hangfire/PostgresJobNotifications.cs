using System.Threading.Channels;
using Das.Jobs.Running;
using Das.Jobs.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Das.Jobs.Hangfire;

/// <summary>
/// Forwards job changes made by other instances to this instance's <see cref="JobEvents"/>: LISTENs on the store's
/// channel and, for each "instance|id|PHASE" from another instance, publishes that phase with the record's latest
/// progress and error (progress of a job running elsewhere thus arrives at the store's flush pace, 1 s by default).
/// The phase comes from the notification, not the record: a job that finishes before its EXECUTING notification is
/// read still shows EXECUTING to watchers here, then COMPLETED.
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
                var rest = payload[(bar + 1)..];
                int phaseBar = rest.IndexOf('|', StringComparison.Ordinal);
                var id = phaseBar < 0 ? rest : rest[..phaseBar];
                var announced = phaseBar < 0 ? null : JobJson.ParsePhase(rest[(phaseBar + 1)..]);
                try
                {
                    if (await store.GetAsync(id, stoppingToken) is { } job)
                    {
                        // The record may already be past the announced phase: its progress and error belong to the
                        // later phase, which has its own notification.
                        var phase = announced ?? job.Phase;
                        bool current = phase == job.Phase;
                        events.Publish(job.Id, job.Owner, phase, current ? job.Progress : null, current ? job.Error : null, time.GetUtcNow());
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
