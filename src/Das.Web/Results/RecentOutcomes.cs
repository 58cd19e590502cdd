using System.Globalization;
using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Engine.Sources;
using Das.Tables.Columns;
using Das.Tables.Storage;

namespace Das.Web.Results;

/// <summary>
/// The outcomes of the queries that ran here lately, so that a query's downloads (one table, or everything in
/// VOTable, XLSX, JSON or CSV) come from what the page was shown instead of asking the archives again, and so that
/// the image proxy knows which image URLs an archive really answered. This is not the answer cache: it keeps every
/// outcome (failures too, and sources that are never cached) for a short while, and it never answers a new query.
/// Keys carry the source's access scope (<see cref="AccessContext.ScopeOf"/>), and nothing is handed out to a
/// caller who may not see the source. Kept in this process only: behind a load balancer a download that lands on
/// another instance runs the missing sources again (from the answer cache when they are cached).
/// </summary>
/// <remarks>
/// An outcome is kept as it came for a moment, then its table is frozen on the thread pool into one block of bytes
/// outside the collected heap (<see cref="FrozenTable"/>) and thawed when a download asks for it. Thousands of live tables are hundreds of
/// thousands of objects that every collection of the young generations traced and copied: with 11,000 outcomes kept
/// (50 clients' queries of 25 archives), one such collection paused the server for 100 ms.
/// </remarks>
public sealed class RecentOutcomes : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _lru = new();
    // Image URL -> keys of the outcomes whose tables list it.
    private readonly Dictionary<string, HashSet<string>> _urls = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly long _maxBytes;
    private long _bytes;
    // Keys whose tables are still live, and whether a freezing pass is queued.
    private readonly Queue<string> _unfrozen = new();
    private bool _freezeQueued;

    /// <summary>Creates the store.</summary>
    public RecentOutcomes(ResultsOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _lifetime = TimeSpan.FromMinutes(Math.Max(0, options.Minutes));
        _maxBytes = (long)(Math.Max(0, options.MaxMegabytes) * 1024 * 1024);
    }

    /// <summary>Outcomes kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// The key of a source's outcome for a query: access scope, source id, and the query's position, field and error
    /// (a source's request is a function of these alone).
    /// </summary>
    public static string KeyOf(SkyQuery query, SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(source);
        return string.Create(CultureInfo.InvariantCulture,
            $"{AccessContext.ScopeOf(source)}|{source.Id}|{query.Position.Ra:R}|{query.Position.Dec:R}|{query.FovArcmin:R}|{query.ErrArcsec:R}");
    }

    /// <summary>
    /// Keeps an outcome of <paramref name="query"/> asked by <paramref name="access"/> (replacing an older one of the
    /// same source and query). A caller outside a restricted source's group got "restricted", which is not the
    /// source's answer: that is never kept.
    /// </summary>
    public void Record(SkyQuery query, SourceOutcome outcome, AccessContext access)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(access);
        if (_lifetime <= TimeSpan.Zero || !access.MaySee(outcome.Source))
        {
            return;
        }
        var key = KeyOf(query, outcome.Source);
        // Counted at the live table's size also once frozen (its BINARY2 bytes are smaller as a rule): the cap
        // then never depends on whether the freezing pass has run yet.
        long bytes = (outcome.Table?.AllocatedBytes ?? 0) + 1024;
        var urls = outcome.Source.Kind == ResultKind.Images ? ImageUrls(outcome) : [];
        lock (_gate)
        {
            RemoveLocked(key);
            if (bytes > _maxBytes)
            {
                return;
            }
            var node = _lru.AddFirst(key);
            _entries[key] = new Entry(outcome, null, _time.GetUtcNow() + _lifetime, bytes, node, urls);
            _bytes += bytes;
            if (outcome.Table is not null)
            {
                _unfrozen.Enqueue(key);
                if (!_freezeQueued)
                {
                    _freezeQueued = true;
                    ThreadPool.UnsafeQueueUserWorkItem(static store => store.FreezeKept(), this, preferLocal: false);
                }
            }
            foreach (var url in urls)
            {
                if (!_urls.TryGetValue(url, out var keys))
                {
                    _urls[url] = keys = new HashSet<string>(StringComparer.Ordinal);
                }
                keys.Add(key);
            }
            while (_bytes > _maxBytes && _lru.Last is { } oldest)
            {
                RemoveLocked(oldest.Value);
            }
        }
    }

    /// <summary>The kept outcome of a source for a query, when there is one and the caller may see the source.</summary>
    public SourceOutcome? Find(SkyQuery query, SourceDescriptor source, AccessContext access)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!access.MaySee(source))
        {
            return null;
        }
        var key = KeyOf(query, source);
        Entry kept;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return null;
            }
            if (entry.Expires <= _time.GetUtcNow())
            {
                RemoveLocked(key);
                return null;
            }
            _lru.Remove(entry.Node);
            _lru.AddFirst(entry.Node);
            kept = entry;
        }
        if (kept.Frozen is not { } frozen)
        {
            return kept.Outcome;
        }
        try
        {
            // Thawed outside the lock: a large table takes a while, and the store serves other queries meanwhile.
            return kept.Outcome with { Table = frozen.Thaw() };
        }
        catch (ObjectDisposedException)
        {
            return null; // let go meanwhile (replaced, or the least recently used): as if it had not been kept
        }
    }

    /// <summary>
    /// Freezes the tables of the outcomes kept since the last pass (queued on the thread pool by
    /// <see cref="Record"/>; callable directly, as tests do).
    /// </summary>
    public void FreezeKept()
    {
        while (true)
        {
            string key;
            Entry? entry;
            lock (_gate)
            {
                if (!_unfrozen.TryDequeue(out key!))
                {
                    _freezeQueued = false;
                    return;
                }
                entry = _entries.GetValueOrDefault(key);
            }
            if (entry is not { Frozen: null, Outcome.Table: { } table })
            {
                continue; // replaced or removed meanwhile
            }
            FrozenTable frozen;
            try
            {
                frozen = FrozenTable.Freeze(table);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A table the writer cannot write stays live: kept all the same, only dearer to the collector. (This
                // runs on the thread pool, where an exception would end the process.)
                continue;
            }
            lock (_gate)
            {
                // Only the entry that was frozen: a newer outcome may have replaced it meanwhile.
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                {
                    _entries[key] = entry with { Outcome = entry.Outcome with { Table = null }, Frozen = frozen };
                }
                else
                {
                    frozen.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// The source whose recent answer lists <paramref name="url"/> as an image's access URL, among the sources the
    /// caller may see; null when no such answer is kept (the URL did not come from an archive, or it expired).
    /// </summary>
    public SourceDescriptor? ImageSource(string url, AccessContext access)
    {
        ArgumentNullException.ThrowIfNull(access);
        lock (_gate)
        {
            if (!_urls.TryGetValue(url, out var keys))
            {
                return null;
            }
            var now = _time.GetUtcNow();
            foreach (var key in keys.ToList())
            {
                var entry = _entries[key];
                if (entry.Expires <= now)
                {
                    RemoveLocked(key);
                }
                else if (access.MaySee(entry.Outcome.Source))
                {
                    return entry.Outcome.Source;
                }
            }
            return null;
        }
    }

    private void RemoveLocked(string key)
    {
        if (!_entries.Remove(key, out var entry))
        {
            return;
        }
        _lru.Remove(entry.Node);
        _bytes -= entry.Bytes;
        entry.Frozen?.Dispose();
        foreach (var url in entry.Urls)
        {
            if (_urls.TryGetValue(url, out var keys) && keys.Remove(key) && keys.Count == 0)
            {
                _urls.Remove(url);
            }
        }
    }

    /// <summary>Lets every kept outcome go (their frozen tables live outside the collected heap).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var key in _entries.Keys.ToList())
            {
                RemoveLocked(key);
            }
            _unfrozen.Clear();
        }
    }

    /// <summary>Absolute http(s) URLs in an image table's link columns (UCD meta.ref.url, or named access_url).</summary>
    private static string[] ImageUrls(SourceOutcome outcome)
    {
        if (outcome.Table is not { } table)
        {
            return [];
        }
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in table.Columns.OfType<StringColumn>())
        {
            var ucd = column.Field.Ucd ?? "";
            bool link = ucd.Contains("meta.ref.url", StringComparison.OrdinalIgnoreCase)
                || column.Name.Equals("access_url", StringComparison.OrdinalIgnoreCase);
            if (!link)
            {
                continue;
            }
            for (int row = 0; row < column.Count && urls.Count < 100_000; row++)
            {
                if (column.GetString(row) is { } text && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    urls.Add(uri.AbsoluteUri);
                }
            }
        }
        return [.. urls];
    }

    /// <summary>A kept outcome: with its live table, or without it and with the table frozen.</summary>
    private sealed record Entry(SourceOutcome Outcome, FrozenTable? Frozen, DateTimeOffset Expires, long Bytes, LinkedListNode<string> Node, string[] Urls);
}
