using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Das.WebBench;

/// <summary>
/// Samples the runtime's allocation ticks (one event per ~100 KB allocated) in this process and sums them by type,
/// to say which allocations drive the collections that stall every client at once (<c>--alloc</c>).
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }
        int typeIndex = eventData.PayloadNames!.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }
        var type = eventData.Payload[typeIndex] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    /// <summary>The types that took the most bytes since the last call, largest first; the counts start again.</summary>
    public string TakeTop(int count)
    {
        var top = _bytesByType.ToArray();
        _bytesByType.Clear();
        long total = top.Sum(t => t.Value);
        return string.Join(Environment.NewLine, top.OrderByDescending(t => t.Value).Take(count)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"      {t.Value / 1e6,8:0.0} MB  {t.Key}")))
            + string.Create(CultureInfo.InvariantCulture, $"{Environment.NewLine}      {total / 1e6,8:0.0} MB  sampled in all");
    }
}
