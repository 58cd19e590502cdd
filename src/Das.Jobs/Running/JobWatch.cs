using System.Threading.Channels;
using Das.Jobs.Model;

namespace Das.Jobs.Running;

/// <summary>A registration for job events (<see cref="JobEvents.Watch"/>); dispose it to stop receiving.</summary>
public sealed class JobWatch : IDisposable
{
    private readonly ChannelReader<JobEvent> _reader;
    private readonly Action _stop;
    private int _disposed;

    internal JobWatch(ChannelReader<JobEvent> reader, Action stop)
    {
        _reader = reader;
        _stop = stop;
    }

    /// <summary>The events as they come, until cancelled.</summary>
    public IAsyncEnumerable<JobEvent> ReadAllAsync(CancellationToken cancellationToken) => _reader.ReadAllAsync(cancellationToken);

    /// <summary>Stops the watch.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stop();
        }
    }
}
