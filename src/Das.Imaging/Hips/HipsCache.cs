using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Das.Imaging.Fits;

namespace Das.Imaging.Hips;

/// <summary>
/// HiPS built once per input: the key is the sha256 of the access scope, the parameters and the bytes of every input
/// image (in content order, so names and order do not matter). <c>{Root}/{key}/</c> is the HiPS, served as is;
/// <c>{Root}/{key}.json</c> says what it was built from, for whom (scope) and when. A build goes to a staging folder
/// and is renamed into place, so a half-built HiPS is never found; one key builds once even when asked twice at once.
/// With a disk budget, the least recently used HiPS leave the cache after each build until the rest fit (the one just
/// built stays); a HiPS is "used" when it is built, found again, or served (<see cref="Touch"/>), as its
/// <c>{key}.json</c>'s modification time records.
/// </summary>
public sealed class HipsCache
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly HipsBuilder _builder;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _building = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();

    /// <summary>How often serving one HiPS updates its last use (a tile request must not write the disk each time).</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Creates the cache in <paramref name="root"/> (made when missing), with no disk budget (null) or this one in bytes.</summary>
    public HipsCache(string root, HipsBuilder builder, TimeProvider time, long? budgetBytes = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetBytes ?? 1);
        Root = Path.GetFullPath(root);
        _builder = builder;
        _time = time;
        BudgetBytes = budgetBytes;
    }

    /// <summary>The cache folder.</summary>
    public string Root { get; }

    /// <summary>The disk budget in bytes, or null for none.</summary>
    public long? BudgetBytes { get; }

    /// <summary>Records that a built HiPS was used now (at most once per <see cref="TouchInterval"/>); false when it is not built.</summary>
    public bool Touch(string key)
    {
        if (!IsKey(key))
        {
            return false;
        }
        var info = Path.Combine(Root, key + ".json");
        try
        {
            var now = _time.GetUtcNow().UtcDateTime;
            if (now - File.GetLastWriteTimeUtc(info) >= TouchInterval || File.GetLastWriteTimeUtc(info) > now)
            {
                File.SetLastWriteTimeUtc(info, now);
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // evicted meanwhile
        }
    }

    /// <summary>Every built HiPS with its size on disk and last use, least recently used first.</summary>
    public IReadOnlyList<(string Key, long Bytes, DateTime LastUsedUtc)> Entries()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }
        var entries = new List<(string, long, DateTime)>();
        foreach (var info in Directory.EnumerateFiles(Root, "*.json"))
        {
            var key = Path.GetFileNameWithoutExtension(info);
            var folder = Path.Combine(Root, key);
            if (!IsKey(key) || !Directory.Exists(folder))
            {
                continue;
            }
            long bytes = new FileInfo(info).Length;
            try
            {
                bytes += new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            }
            catch (IOException)
            {
                continue; // being evicted
            }
            entries.Add((key, bytes, File.GetLastWriteTimeUtc(info)));
        }
        return [.. entries.OrderBy(e => e.Item3).ThenBy(e => e.Item1, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Removes least recently used HiPS (never <paramref name="keep"/>, nor one being built) until the cache fits its
    /// budget. Returns the keys removed; none without a budget.
    /// </summary>
    public IReadOnlyList<string> Evict(string? keep = null)
    {
        if (BudgetBytes is not { } budget)
        {
            return [];
        }
        lock (_evicting)
        {
            var entries = Entries();
            var used = entries.Sum(e => e.Bytes);
            var evicted = new List<string>();
            foreach (var (key, bytes, _) in entries)
            {
                if (used <= budget)
                {
                    break;
                }
                if (key == keep || (_building.TryGetValue(key, out var gate) && gate.CurrentCount == 0))
                {
                    continue;
                }
                // The .json first: from then on Find says "not built" and nothing serves the folder being deleted.
                File.Delete(Path.Combine(Root, key + ".json"));
                HipsBuilder.TryDelete(Path.Combine(Root, key));
                used -= bytes;
                evicted.Add(key);
            }
            return evicted;
        }
    }

    /// <summary>The HiPS folder of a key, whether or not it exists.</summary>
    public string DirectoryOf(string key) => Path.Combine(Root, CheckKey(key));

    /// <summary>What is known of a built key, or null when it is not (completely) built.</summary>
    public HipsCacheEntry? Find(string key)
    {
        if (!IsKey(key))
        {
            return null;
        }
        var info = Path.Combine(Root, key + ".json");
        if (!File.Exists(info) || !File.Exists(Path.Combine(Root, key, "properties")))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<HipsCacheEntry>(File.ReadAllText(info), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True for a string shaped like a key (64 lower-case hex digits): the only names the cache makes or serves.</summary>
    public static bool IsKey(string? key) => key is { Length: 64 } && key.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>The key of a request: sha256 over scope, parameters and the inputs' content hashes (sorted).</summary>
    public static async Task<(string Key, IReadOnlyList<HipsInputFile> Files)> KeyOfAsync(HipsRequest request, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(files);
        var inputs = new List<HipsInputFile>(files.Count);
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            inputs.Add(new HipsInputFile(Path.GetFileName(file), stream.Length, Convert.ToHexStringLower(hash)));
        }
        var canonical = new StringBuilder()
            .Append("das-hips-v1\n")
            .Append("scope=").Append(request.Scope).Append('\n')
            .Append("title=").Append(request.Title).Append('\n')
            .Append("creator_did=").Append(request.CreatorDid).Append('\n')
            .Append("order=").Append(request.Order?.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("pixel_cut=").Append(request.PixelCut).Append('\n')
            .Append("preview=").Append(request.PreviewFormat).Append('\n');
        foreach (var sha in inputs.Select(i => i.Sha256).Order(StringComparer.Ordinal))
        {
            canonical.Append(sha).Append('\n');
        }
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        return (key, inputs);
    }

    /// <summary>The cached HiPS for these inputs and parameters, built now when there is none.</summary>
    /// <exception cref="ImagingInputException">No usable input or a bad parameter.</exception>
    /// <exception cref="Tools.ToolMissingException">Java or aladin.jar is missing.</exception>
    /// <exception cref="Tools.ToolFailedException">Hipsgen failed or its LINT/CHECK did.</exception>
    public async Task<HipsBuild> GetOrBuildAsync(HipsRequest request, IProgress<ImagingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Scope) || request.Scope.Any(char.IsControl))
        {
            throw new ImagingInputException("the access scope must be 'public', 'group:NAME' or 'owner:OWNER'");
        }
        var files = FitsFiles.Expand(request.Inputs);
        int stepCount = HipsBuilder.Steps(request.PreviewFormat).Count;
        progress?.Report(new ImagingProgress("inputs", 1, stepCount, 0, string.Create(CultureInfo.InvariantCulture, $"hashing {files.Count} FITS images")));
        var (key, inputs) = await KeyOfAsync(request, files, cancellationToken).ConfigureAwait(false);
        var gate = _building.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(key) is { } cached)
            {
                Touch(key);
                progress?.Report(new ImagingProgress("CHECK", stepCount, stepCount, 1, "found in the cache, built " + cached.BuiltAt.ToString("u", CultureInfo.InvariantCulture)));
                return cached.ToBuild(DirectoryOf(key), fromCache: true);
            }
            Directory.CreateDirectory(Root);
            var staging = Path.Combine(Root, ".build-" + key[..16] + "-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var built = await _builder.BuildAsync(request, files, Path.Combine(staging, "hips"), key, progress, cancellationToken).ConfigureAwait(false);
                var final = DirectoryOf(key);
                HipsBuilder.TryDelete(final); // a folder without its .json is an interrupted earlier build
                Directory.Move(built.Directory, final);
                var entry = new HipsCacheEntry
                {
                    Key = key,
                    Scope = request.Scope,
                    Inputs = inputs,
                    Title = built.Properties["obs_title"],
                    CreatorDid = built.Properties.CreatorDid,
                    Order = built.Properties.Order,
                    Lint = built.Lint,
                    LintWarnings = built.LintWarnings,
                    Command = built.Command,
                    ElapsedSeconds = built.Elapsed.TotalSeconds,
                    BuiltAt = _time.GetUtcNow(),
                };
                var info = Path.Combine(Root, key + ".json");
                var temporary = info + ".tmp";
                await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(entry, Json), CancellationToken.None).ConfigureAwait(false);
                File.Move(temporary, info, overwrite: true);
                Evict(keep: key);
                return built with { Directory = final, Key = key };
            }
            finally
            {
                HipsBuilder.TryDelete(staging);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static string CheckKey(string key) => IsKey(key) ? key : throw new ArgumentException($"'{key}' is not a HiPS cache key", nameof(key));
}
