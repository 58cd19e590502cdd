using System.Collections.Concurrent;
using System.Security.Cryptography;
using Das.Engine.Access;
using Das.Engine.Sources;
using Das.Tables.Model;

namespace Das.Web.Xmatch;

/// <summary>
/// The joined tables of recent cross-matches, kept in memory for their downloads: one hour, at most 100 matches
/// (the oldest goes first). A match id is 128 random bits; a table of a restricted source is served only to a caller
/// who may see that source.
/// </summary>
public sealed class XmatchResults(TimeProvider time)
{
    private const int MaxMatches = 100;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Stored> _matches = new(StringComparer.Ordinal);

    private sealed record Stored(DateTimeOffset Created, ConcurrentDictionary<string, (SourceDescriptor? Source, Table Table)> Tables);

    /// <summary>Starts a match; its id.</summary>
    public string Create()
    {
        var now = time.GetUtcNow();
        foreach (var old in _matches.Where(m => now - m.Value.Created > Lifetime || _matches.Count >= MaxMatches).OrderBy(m => m.Value.Created)
            .Take(Math.Max(1, _matches.Count - MaxMatches + 1)).ToList())
        {
            if (now - old.Value.Created > Lifetime || _matches.Count >= MaxMatches)
            {
                _matches.TryRemove(old.Key, out _);
            }
        }
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _matches[id] = new Stored(now, new ConcurrentDictionary<string, (SourceDescriptor?, Table)>(StringComparer.OrdinalIgnoreCase));
        return id;
    }

    /// <summary>Keeps one catalogue's joined table (<paramref name="source"/> null for an uploaded catalogue).</summary>
    public void Add(string matchId, string catalogue, SourceDescriptor? source, Table joined)
    {
        if (_matches.TryGetValue(matchId, out var stored))
        {
            stored.Tables[catalogue] = (source, joined);
        }
    }

    /// <summary>One catalogue's joined table, when the match is known, not expired and the caller may see it.</summary>
    public Table? Find(string matchId, string catalogue, AccessContext access)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!_matches.TryGetValue(matchId, out var stored) || time.GetUtcNow() - stored.Created > Lifetime ||
            !stored.Tables.TryGetValue(catalogue, out var entry))
        {
            return null;
        }
        return entry.Source is { } source && !access.MaySee(source) ? null : entry.Table;
    }
}
