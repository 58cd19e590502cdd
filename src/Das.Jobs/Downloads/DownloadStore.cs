using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Das.Jobs.Store;

namespace Das.Jobs.Downloads;

/// <summary>
/// Downloaded files on disk, keyed by sha256(URL + scope) so restricted data is never shared across access scopes:
/// <c>files/KEY.data</c> with <c>files/KEY.json</c> (origin, size, type, validators, last use), and partial downloads
/// in <c>partial/KEY.part</c> (+ .json with the validators needed to resume them with If-Range). Within
/// <see cref="DownloadOptions.DiskBudgetBytes"/>, the least recently used files go first; files of running
/// downloads are pinned and never evicted.
/// </summary>
public sealed class DownloadStore
{
    private readonly string _files;
    private readonly string _partial;
    private readonly long _budget;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _pins = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();

    /// <summary>A store in <paramref name="directory"/> with a budget in bytes.</summary>
    public DownloadStore(string directory, long budgetBytes, TimeProvider time)
    {
        Directory = directory;
        _files = Path.Combine(directory, "files");
        _partial = Path.Combine(directory, "partial");
        _budget = budgetBytes;
        _time = time;
        System.IO.Directory.CreateDirectory(_files);
        System.IO.Directory.CreateDirectory(_partial);
    }

    /// <summary>The store's root directory.</summary>
    public string Directory { get; }

    /// <summary>The budget in bytes.</summary>
    public long BudgetBytes => _budget;

    /// <summary>The key of a URL in a scope.</summary>
    public static string KeyOf(Uri url, string scope)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri + "\n" + scope)));
    }

    /// <summary>The stored file of this key, marking it used now; null when not stored (or evicted).</summary>
    public StoredFile? TryGet(string key)
    {
        var meta = ReadMeta(MetaPath(key));
        if (meta is null || !File.Exists(meta.Path))
        {
            return null;
        }
        var touched = meta with { LastUsed = _time.GetUtcNow() };
        WriteJson(MetaPath(key), touched);
        return touched;
    }

    /// <summary>Every stored file (for listing and eviction).</summary>
    public IReadOnlyList<StoredFile> List() =>
        [.. System.IO.Directory.EnumerateFiles(_files, "*.json").Select(ReadMeta).OfType<StoredFile>()];

    /// <summary>Bytes used by stored files.</summary>
    public long UsedBytes() => List().Sum(f => f.Size);

    /// <summary>Serialises downloads of one key (two jobs asking for the same file: the second finds it stored).</summary>
    public async Task<IDisposable> LockAsync(string key, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(() => gate.Release());
    }

    /// <summary>Keeps the key's file from eviction until disposed.</summary>
    public IDisposable Pin(string key)
    {
        _pins.AddOrUpdate(key, 1, (_, n) => n + 1);
        return new Releaser(() => _pins.AddOrUpdate(key, 0, (_, n) => n - 1));
    }

    internal string PartPath(string key) => Path.Combine(_partial, key + ".part");

    internal PartialDownload? ReadPartial(string key)
    {
        var path = Path.Combine(_partial, key + ".json");
        return File.Exists(path) && File.Exists(PartPath(key)) ? ReadJson<PartialDownload>(path) : null;
    }

    internal void WritePartial(string key, PartialDownload partial) => WriteJson(Path.Combine(_partial, key + ".json"), partial);

    internal void DeletePartial(string key)
    {
        File.Delete(PartPath(key));
        File.Delete(Path.Combine(_partial, key + ".json"));
    }

    /// <summary>Moves a finished partial file into the store, then evicts to the budget. Returns the stored file.</summary>
    internal StoredFile Commit(string key, Uri url, string scope, string mediaType, string? etag, string? lastModified)
    {
        var data = Path.Combine(_files, key + ".data");
        File.Move(PartPath(key), data, overwrite: true);
        File.Delete(Path.Combine(_partial, key + ".json"));
        var now = _time.GetUtcNow();
        var stored = new StoredFile(key, data, url.AbsoluteUri, scope, new FileInfo(data).Length, mediaType, etag, lastModified, now, now);
        WriteJson(MetaPath(key), stored);
        MakeRoom(0);
        return stored;
    }

    /// <summary>
    /// Evicts least recently used, unpinned files until <paramref name="incomingBytes"/> more fit in the budget.
    /// Returns the keys evicted.
    /// </summary>
    public IReadOnlyList<string> MakeRoom(long incomingBytes)
    {
        lock (_evicting)
        {
            var files = List().OrderBy(f => f.LastUsed).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
            var used = files.Sum(f => f.Size);
            var evicted = new List<string>();
            foreach (var f in files)
            {
                if (used + incomingBytes <= _budget)
                {
                    break;
                }
                if (_pins.GetValueOrDefault(f.Key) > 0)
                {
                    continue;
                }
                File.Delete(f.Path);
                File.Delete(MetaPath(f.Key));
                used -= f.Size;
                evicted.Add(f.Key);
            }
            return evicted;
        }
    }

    private string MetaPath(string key) => Path.Combine(_files, key + ".json");

    private static StoredFile? ReadMeta(string path) => File.Exists(path) ? ReadJson<StoredFile>(path) : null;

    private static T? ReadJson<T>(string path) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), JobJson.Options);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null; // torn or concurrently replaced; treated as absent
        }
    }

    private static void WriteJson<T>(string path, T value)
    {
        // Write aside, then rename: a reader never sees half a file.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(value, JobJson.Options));
        File.Move(temp, path, overwrite: true);
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                release();
            }
        }
    }
}
