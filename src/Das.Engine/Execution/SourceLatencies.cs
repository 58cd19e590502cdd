using System.Collections.Concurrent;
using Das.Engine.Sources;

namespace Das.Engine.Execution;

/// <summary>
/// How long each source took to answer lately, so that a query starts its slowest sources first. A query's total
/// time is its slowest source's; when many queries start at once (50 pages, each asking 25 archives), requests
/// leave in the order they were started, and the slowest archive's request, started last, waited behind all the
/// others before its long wait even began. Started first, its wait overlaps the rest of the burst.
/// </summary>
internal sealed class SourceLatencies
{
    /// <summary>Weight of the newest answer in the running average: recent enough to follow an archive's mood.</summary>
    private const double NewWeight = 0.3;

    private readonly ConcurrentDictionary<string, double> _milliseconds = new(StringComparer.Ordinal);

    /// <summary>Counts one answer (or failure) that came over the network, not from the cache.</summary>
    public void Record(string sourceId, TimeSpan elapsed)
    {
        double ms = elapsed.TotalMilliseconds;
        _milliseconds.AddOrUpdate(sourceId, ms, (_, old) => old + NewWeight * (ms - old));
    }

    /// <summary>The running average, when the source has answered before.</summary>
    public double? Expected(string sourceId) => _milliseconds.TryGetValue(sourceId, out var ms) ? ms : null;

    /// <summary>
    /// The sources in the order to start them: those never timed first (they may be anything), then the others from
    /// the slowest down; ties keep the caller's order.
    /// </summary>
    public IReadOnlyList<IDataSource> SlowestFirst(IReadOnlyList<IDataSource> sources)
    {
        if (_milliseconds.IsEmpty || sources.Count < 2)
        {
            return sources;
        }
        return [.. sources.Select((source, index) => (source, index, ms: Expected(source.Descriptor.Id) ?? double.PositiveInfinity))
            .OrderByDescending(s => s.ms).ThenBy(s => s.index).Select(s => s.source)];
    }
}
