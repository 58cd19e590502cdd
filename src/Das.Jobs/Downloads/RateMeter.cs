namespace Das.Jobs.Downloads;

/// <summary>Bytes per second over the last few seconds, from (time, bytes so far) samples; read and fed from one thread.</summary>
internal sealed class RateMeter(TimeSpan window)
{
    private readonly Queue<(DateTimeOffset Time, long Bytes)> _samples = new();

    public double? Add(DateTimeOffset time, long bytes)
    {
        if (_samples.Count > 0 && bytes < _samples.Last().Bytes)
        {
            _samples.Clear(); // restarted from zero
        }
        _samples.Enqueue((time, bytes));
        while (_samples.Count > 2 && time - _samples.Peek().Time > window)
        {
            _samples.Dequeue();
        }
        var (t0, b0) = _samples.Peek();
        var seconds = (time - t0).TotalSeconds;
        return seconds > 0 ? (bytes - b0) / seconds : null;
    }
}
