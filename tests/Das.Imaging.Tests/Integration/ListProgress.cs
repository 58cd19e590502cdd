namespace Das.Imaging.Tests.Integration;

/// <summary>Collects progress reports synchronously, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class ListProgress<T>(Action<T>? onReport = null) : IProgress<T>
{
    private readonly List<T> _items = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    public void Report(T value)
    {
        lock (_items)
        {
            _items.Add(value);
        }
        onReport?.Invoke(value);
    }
}
