using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Das.Jobs.Model;

namespace Das.Jobs.Running;

/// <summary>
/// The live stream of job changes in this process: the executor publishes, watchers (the SignalR hub, the CLI's
/// wait, tests) read. Each watcher has its own bounded buffer (4096 events); a watcher too slow to keep up loses the
/// oldest events (the gap shows in the sequence numbers), and the store always has the latest phase and progress.
/// </summary>
public sealed class JobEvents
{
    private readonly ConcurrentDictionary<long, Watcher> _watchers = new();
    private readonly ConcurrentDictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private readonly Lock _publishing = new();
    private long _nextWatcher;

    /// <summary>Publishes one change; assigns the job's next sequence number. Returns the event.</summary>
    public JobEvent Publish(string jobId, string owner, JobPhase phase, JobProgress? progress, string? error, DateTimeOffset time)
    {
        // One lock: numbering and writing happen together, so every watcher sees each job's events in sequence order.
        lock (_publishing)
        {
            var sequence = _sequences.AddOrUpdate(jobId, 1, (_, s) => s + 1);
            var e = new JobEvent(jobId, owner, sequence, phase, progress, error, time);
            foreach (var watcher in _watchers.Values)
            {
                if (string.Equals(watcher.Owner, owner, StringComparison.Ordinal) && (watcher.JobId is null || string.Equals(watcher.JobId, jobId, StringComparison.Ordinal)))
                {
                    watcher.Channel.Writer.TryWrite(e);
                }
            }
            if (phase is JobPhase.Completed or JobPhase.Error or JobPhase.Aborted or JobPhase.Interrupted)
            {
                _sequences.TryRemove(jobId, out _);
            }
            return e;
        }
    }

    /// <summary>Watchers now; for tests and the health page.</summary>
    public int WatcherCount => _watchers.Count;

    /// <summary>
    /// Starts watching one owner's jobs (one job's when <paramref name="jobId"/> is given): events published from now
    /// on are buffered until read. Dispose the watch to stop.
    /// </summary>
    public JobWatch Watch(string owner, string? jobId)
    {
        var id = Interlocked.Increment(ref _nextWatcher);
        var watcher = new Watcher(owner, jobId, Channel.CreateBounded<JobEvent>(new BoundedChannelOptions(4096)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }));
        _watchers[id] = watcher;
        return new JobWatch(watcher.Channel.Reader, () => _watchers.TryRemove(id, out _));
    }

    /// <summary>
    /// The events of one owner's jobs (one job's when <paramref name="jobId"/> is given) from now until cancelled.
    /// Registration happens at the call, before the first MoveNext, so nothing published after the call is missed;
    /// enumerate it (the registration ends with the enumeration), or use <see cref="Watch"/>.
    /// </summary>
    public IAsyncEnumerable<JobEvent> WatchAsync(string owner, string? jobId, CancellationToken cancellationToken) =>
        ReadAsync(Watch(owner, jobId), cancellationToken);

    private static async IAsyncEnumerable<JobEvent> ReadAsync(JobWatch watch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (watch)
        {
            await foreach (var e in watch.ReadAllAsync(cancellationToken))
            {
                yield return e;
            }
        }
    }

    private sealed record Watcher(string Owner, string? JobId, Channel<JobEvent> Channel);
}
