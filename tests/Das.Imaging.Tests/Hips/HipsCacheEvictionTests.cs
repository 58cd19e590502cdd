using Das.Imaging.Hips;
using Das.Imaging.Tools;
using Microsoft.Extensions.Time.Testing;

namespace Das.Imaging.Tests.Hips;

/// <summary>The HiPS cache's disk budget: least recently used HiPS leave first; use is building, finding or serving.</summary>
public sealed class HipsCacheEvictionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("das-hips-evict-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Key(char c) => new(c, 64);

    private HipsCache Cache(long? budget) => new(_root, new HipsBuilder(new ImagingToolOptions(), ToolRunner.System), _time, budget);

    /// <summary>A built HiPS as the cache leaves it: {key}/properties, a tile of <paramref name="tileBytes"/>, {key}.json, last used at <paramref name="used"/>.</summary>
    private void Built(string key, int tileBytes, DateTimeOffset used)
    {
        var folder = Path.Combine(_root, key);
        Directory.CreateDirectory(Path.Combine(folder, "Norder3", "Dir0"));
        File.WriteAllText(Path.Combine(folder, "properties"), "hips_order = 3\n");
        File.WriteAllBytes(Path.Combine(folder, "Norder3", "Dir0", "Npix1.png"), new byte[tileBytes]);
        var info = Path.Combine(_root, key + ".json");
        File.WriteAllText(info, "{\"key\":\"" + key + "\",\"scope\":\"public\"}");
        File.SetLastWriteTimeUtc(info, used.UtcDateTime);
    }

    private bool Present(string key) => Directory.Exists(Path.Combine(_root, key)) && File.Exists(Path.Combine(_root, key + ".json"));

    private long Size(string key) => Cache(null).Entries().Single(e => e.Key == key).Bytes;

    [Fact]
    public void Over_its_budget_the_cache_removes_the_least_recently_used_hips_until_the_rest_fit()
    {
        Built(Key('a'), 100_000, _time.GetUtcNow().AddHours(-3));
        Built(Key('b'), 100_000, _time.GetUtcNow().AddHours(-1));
        Built(Key('c'), 100_000, _time.GetUtcNow().AddHours(-2));
        var each = Size(Key('a'));

        var evicted = Cache(2 * each).Evict();

        Assert.Equal([Key('a')], evicted);
        Assert.False(Directory.Exists(Path.Combine(_root, Key('a'))));
        Assert.False(File.Exists(Path.Combine(_root, Key('a') + ".json")));
        Assert.Equal([Key('c'), Key('b')], Cache(null).Entries().Select(e => e.Key));
        Assert.True(Present(Key('b')));
    }

    [Fact]
    public void Serving_a_hips_makes_it_recent_so_another_one_leaves_first()
    {
        Built(Key('a'), 50_000, _time.GetUtcNow().AddHours(-3));
        Built(Key('b'), 50_000, _time.GetUtcNow().AddHours(-1));
        var cache = Cache(Size(Key('a')) + 10);

        Assert.True(cache.Touch(Key('a')));
        var evicted = cache.Evict();

        Assert.Equal([Key('b')], evicted);
        Assert.True(Present(Key('a')));
    }

    [Fact]
    public void A_touch_within_a_minute_of_the_last_writes_nothing_and_an_unknown_key_is_not_touched()
    {
        Built(Key('a'), 10, _time.GetUtcNow().AddSeconds(-30));
        var before = File.GetLastWriteTimeUtc(Path.Combine(_root, Key('a') + ".json"));

        Assert.True(Cache(null).Touch(Key('a')));
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(_root, Key('a') + ".json")));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(Cache(null).Touch(Key('a')));
        Assert.Equal(_time.GetUtcNow().UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(_root, Key('a') + ".json")));
        Assert.False(Cache(null).Touch(Key('f')));
        Assert.False(Cache(null).Touch("../etc"));
    }

    [Fact]
    public void The_hips_just_built_stays_even_alone_over_the_budget_and_no_budget_removes_nothing()
    {
        Built(Key('a'), 200_000, _time.GetUtcNow().AddHours(-3));
        Built(Key('b'), 10, _time.GetUtcNow());

        Assert.Empty(Cache(null).Evict());
        Assert.Equal([Key('b')], Cache(100).Evict(keep: Key('a')));
        Assert.True(Present(Key('a')));
    }
}
