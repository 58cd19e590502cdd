using System.Security.Cryptography;
using System.Text;
using Das.Engine.Access;
using Das.Engine.Sources;
using Das.Tables.Model;
using Microsoft.Extensions.Caching.Hybrid;

namespace Das.Engine.Caching;

/// <summary>
/// Source answers by source, canonical request and access scope, in memory and (when configured) in Redis.
/// Identical requests in flight at the same time share one fetch. Failures are never cached, and neither are
/// answers cut short by a fault (a dropped connection), which a second try may well complete.
/// </summary>
public sealed class AnswerCache
{
    // Numbers every fetch that completes in this process, so a caller can tell whether the answer it got was
    // fetched after it asked (by it, or by an identical request it joined) or was already in the cache.
    private static long _fetches;

    private readonly HybridCache _cache;
    private readonly TimeProvider _time;

    /// <summary>Creates the cache over a HybridCache (in-memory, plus Redis when registered).</summary>
    public AnswerCache(HybridCache cache, TimeProvider time)
    {
        _cache = cache;
        _time = time;
    }

    /// <summary>
    /// The key: version, scope, source id and a hash of the canonical request. Scope first, so restricted entries
    /// can be listed or dropped per group.
    /// </summary>
    public static string KeyFor(SourceDescriptor source, SourceRequest request)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.CanonicalKey)));
        return $"das:v1:{AccessContext.ScopeOf(source)}:{source.Id}:{hash}";
    }

    /// <summary>
    /// The cached answer, or a fresh one from <paramref name="fetch"/> (then stored for the source's lifetime).
    /// </summary>
    /// <returns>The answer and whether it came from the cache (false when this call, or one it joined, fetched it).</returns>
    public async Task<(CachedAnswer Answer, bool FromCache)> GetOrFetchAsync(SourceDescriptor source, SourceRequest request,
        Func<CancellationToken, Task<SourceAnswer>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fetch);
        if (source.CacheLifetime <= TimeSpan.Zero)
        {
            return (new CachedAnswer(await fetch(cancellationToken).ConfigureAwait(false), _time.GetUtcNow(), request.Provenance), false);
        }
        var state = new FetchState(fetch, request.Provenance, _time);
        var options = new HybridCacheEntryOptions { Expiration = source.CacheLifetime, LocalCacheExpiration = source.CacheLifetime };
        long fetchesBefore = Interlocked.Read(ref _fetches);
        try
        {
            var answer = await _cache.GetOrCreateAsync(KeyFor(source, request), state,
                static async (s, token) => await s.FetchAsync(token).ConfigureAwait(false),
                options, [AccessContext.ScopeOf(source), "source:" + source.Id], cancellationToken).ConfigureAwait(false);
            // A caller that joined an identical request in flight did not run the factory (its own state says
            // "not fetched"), yet its answer is as fresh as the one that did: it was fetched after this call began.
            bool fresh = state.Fetched || answer.FetchNumber > fetchesBefore;
            return (answer, !fresh);
        }
        catch (UncacheableAnswerException kept)
        {
            return (kept.Answer, false);
        }
    }

    /// <summary>
    /// Drops every cached answer of a source (after its configuration changed, for instance), in this instance at
    /// once; other Das instances sharing Redis keep their in-memory copies until those expire (HybridCache has no
    /// backplane to tell them).
    /// </summary>
    public ValueTask ForgetSourceAsync(string sourceId, CancellationToken cancellationToken) =>
        _cache.RemoveByTagAsync("source:" + sourceId, cancellationToken);

    private sealed class FetchState(Func<CancellationToken, Task<SourceAnswer>> fetch, string provenance, TimeProvider time)
    {
        public bool Fetched { get; private set; }

        public async Task<CachedAnswer> FetchAsync(CancellationToken cancellationToken)
        {
            Fetched = true;
            var answer = await fetch(cancellationToken).ConfigureAwait(false);
            var entry = new CachedAnswer(answer, time.GetUtcNow(), provenance) { FetchNumber = Interlocked.Increment(ref _fetches) };
            if (answer.Table.Truncation?.Reason is TruncationReason.DocumentEndedEarly or TruncationReason.DataError)
            {
                throw new UncacheableAnswerException(entry);
            }
            return entry;
        }
    }

    // The only way to hand a value through HybridCache without storing it is to leave the factory by an exception.
    private sealed class UncacheableAnswerException(CachedAnswer answer) : Exception("answer cut short by a fault; not cached")
    {
        public CachedAnswer Answer { get; } = answer;
    }
}
