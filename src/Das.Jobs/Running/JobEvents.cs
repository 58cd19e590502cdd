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
    /// The events of one owner's jobs (one job's when <paramref name="jobId"/> is given) from now until cancelled.
    /// Registration happens at the call, before the first MoveNext, so nothing published after the call is missed.
    /// </summary>
    public IAsyncEnumerable<JobEvent> WatchAsync(string owner, string? jobId, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextWatcher);
        var watcher = new Watcher(owner, jobId, Channel.CreateBounded<JobEvent>(new BoundedChannelOptions(4096)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }));
        _watchers[id] = watcher;
        return ReadAsync(id, watcher, cancellationToken);
    }

    private async IAsyncEnumerable<JobEvent> ReadAsync(long id, Watcher watcher, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in watcher.Channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return e;
            }
        }
        finally
        {
            _watchers.TryRemove(id, out _);
        }
    }

    private sealed record Watcher(string Owner, string? JobId, Channel<JobEvent> Channel);
}
