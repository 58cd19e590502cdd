using System.Globalization;
using System.Runtime.CompilerServices;
using Das.Engine.Access;
using Das.Engine.Caching;
using Das.Engine.Queries;
using Das.Engine.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Das.Engine.Execution;

/// <summary>
/// Runs one query on many sources at once and yields each source's outcome the moment it is known, in completion
/// order: total time is that of the slowest source, the first result that of the fastest. Every source has its own
/// budget and its own try/catch, so one failure never touches another; when the caller stops listening, every
/// source still running is cancelled.
/// </summary>
public sealed partial class QueryEngine
{
    private readonly AnswerCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger<QueryEngine> _log;
    private readonly HostLimiter _hosts;
    private readonly SourceLatencies _latencies = new();

    /// <summary>Creates the engine.</summary>
    public QueryEngine(AnswerCache cache, TimeProvider time, IOptions<EngineOptions> options, ILogger<QueryEngine> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache;
        _time = time;
        _log = log;
        _hosts = new HostLimiter(Math.Max(1, options.Value.MaxConcurrencyPerHost));
    }

    /// <summary>Asks every source and yields their outcomes as they complete.</summary>
    /// <param name="query">Where and how wide.</param>
    /// <param name="sources">The sources to ask (already chosen from the selection).</param>
    /// <param name="access">Who is asking: restricted sources run only for their group's members.</param>
    /// <param name="cancellationToken">Cancels every source still running.</param>
    public async IAsyncEnumerable<SourceOutcome> RunAsync(SkyQuery query, IReadOnlyList<IDataSource> sources, AccessContext access,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(access);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long start = _time.GetTimestamp();
        // Slowest first: the start order is the order requests leave in a burst (see SourceLatencies); outcomes are
        // still yielded as they complete.
        var running = _latencies.SlowestFirst(sources).Select(source => RunOneAsync(source, query, access, start, stop.Token)).ToList();
        try
        {
            await foreach (var done in Task.WhenEach(running).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return await done.ConfigureAwait(false);
            }
        }
        finally
        {
            // The caller stopped listening (or everything is done): nobody will read what is still running.
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one request that the caller plans (a cone of its own choosing, a table upload) with everything a query's
    /// source gets: the access check, the source's budget, the host limit, the cache (keyed by the request and the
    /// access scope) and one outcome whatever happens.
    /// </summary>
    /// <param name="source">The source.</param>
    /// <param name="plan">Builds the request (pure); may throw <see cref="SourceFailureException"/> for bad input.</param>
    /// <param name="access">Who is asking.</param>
    /// <param name="cancellationToken">Abandons the request.</param>
    public Task<SourceOutcome> RunPlannedAsync(IDataSource source, Func<IDataSource, SourceRequest> plan, AccessContext access,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(access);
        return RunOneAsync(source, access, _time.GetTimestamp(), (s, _) => (plan(s), null), cancellationToken);
    }

    private Task<SourceOutcome> RunOneAsync(IDataSource source, SkyQuery query, AccessContext access, long start, CancellationToken stop) =>
        RunOneAsync(source, access, start, (s, d) =>
        {
            double radius = d.RadiusDeg ?? query.SearchRadiusDeg(d.Kind);
            if (d.Coverage is { } coverage && !coverage.OverlapsCone(query.Position.Ra, query.Position.Dec, radius))
            {
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"{d.Title}: no coverage at RA {query.Position.Ra:0.####}°, Dec {query.Position.Dec:+0.####;-0.####}°"));
            }
            return (s.Plan(new SourceSearch(query, query.Position, radius)), null);
        }, stop);

    private async Task<SourceOutcome> RunOneAsync(IDataSource source, AccessContext access, long start,
        Func<IDataSource, SourceDescriptor, (SourceRequest? Request, string? Skip)> plan, CancellationToken stop)
    {
        // Leave the caller's thread at once, so one source's synchronous work never delays the start of the others.
        await Task.Yield();
        var d = source.Descriptor;
        SourceRequest? request = null;
        using var budget = new CancellationTokenSource(d.Budget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, budget.Token);
        try
        {
            if (!access.MaySee(d))
            {
                return Skipped(d, start, $"{d.Title}: restricted to members of the group '{d.AccessGroup}'");
            }
            var (planned, skip) = plan(source, d);
            if (planned is null)
            {
                return Skipped(d, start, skip ?? $"{d.Title}: nothing to ask");
            }
            request = planned;
            var (entry, fromCache) = await _cache.GetOrFetchAsync(d, request, token => FetchAsync(source, request, token), linked.Token).ConfigureAwait(false);
            var outcome = Answered(d, start, entry, fromCache);
            LogOutcome(_log, d.Id, outcome.Status, outcome.RowCount, outcome.Elapsed.TotalMilliseconds, fromCache);
            return outcome;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            _latencies.Record(d.Id, d.Budget);
            return Failed(d, start, request, SourceFailureKind.Timeout, $"no complete answer within its budget of {SourceOutcome.Seconds(d.Budget)}", true);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Skipped(d, start, $"{d.Title}: cancelled, the query was abandoned", request);
        }
        catch (SourceFailureException ex)
        {
            return Failed(d, start, request, ex.Kind, ex.Message, ex.IsTransient);
        }
#pragma warning disable CA1031 // The one catch-all per source: whatever goes wrong stays this source's failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogInternalError(_log, ex, d.Id);
            return Failed(d, start, request, SourceFailureKind.Internal, $"internal error in Das ({ex.GetType().Name}: {ex.Message})", false);
        }
    }

    private async Task<SourceAnswer> FetchAsync(IDataSource source, SourceRequest request, CancellationToken cancellationToken)
    {
        using var slot = await _hosts.AcquireAsync(source.Descriptor.Host, cancellationToken).ConfigureAwait(false);
        long sent = _time.GetTimestamp();
        try
        {
            return await source.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The archive's own time (an answer or a failure), without the wait for a host slot; abandoned requests
            // say nothing about it.
            if (!cancellationToken.IsCancellationRequested)
            {
                _latencies.Record(source.Descriptor.Id, _time.GetElapsedTime(sent));
            }
        }
    }

    private SourceOutcome Answered(SourceDescriptor d, long start, CachedAnswer entry, bool fromCache)
    {
        var table = entry.Answer.Table;
        var elapsed = _time.GetElapsedTime(start);
        var status = table.Truncation is not null ? OutcomeStatus.Truncated : table.RowCount == 0 ? OutcomeStatus.Empty : OutcomeStatus.Ok;
        return new SourceOutcome
        {
            Source = d,
            Status = status,
            Table = table,
            Elapsed = elapsed,
            Provenance = entry.Provenance,
            Message = table.Truncation is { } truncation
                ? string.Create(CultureInfo.InvariantCulture, $"{d.Title}: {table.RowCount} rows, incomplete: {truncation.Message}")
                : null,
            CachedAge = fromCache ? _time.GetUtcNow() - entry.FetchedAt : null,
            FetchedAt = entry.FetchedAt,
            Notes = entry.Answer.Notes,
        };
    }

    private SourceOutcome Failed(SourceDescriptor d, long start, SourceRequest? request, SourceFailureKind kind, string reason, bool transient)
    {
        var elapsed = _time.GetElapsedTime(start);
        var outcome = new SourceOutcome
        {
            Source = d,
            Status = kind == SourceFailureKind.Timeout ? OutcomeStatus.TimedOut : OutcomeStatus.Failed,
            Elapsed = elapsed,
            Provenance = request?.Provenance,
            Message = kind == SourceFailureKind.Input ? $"{d.Title}: {reason}" : $"{d.Title}: {reason} (after {SourceOutcome.Seconds(elapsed)})",
            Failure = kind,
            IsTransient = transient,
        };
        LogFailure(_log, d.Id, kind, outcome.Message);
        return outcome;
    }

    private SourceOutcome Skipped(SourceDescriptor d, long start, string message, SourceRequest? request = null) => new()
    {
        Source = d,
        Status = OutcomeStatus.Skipped,
        Elapsed = _time.GetElapsedTime(start),
        Provenance = request?.Provenance,
        Message = message,
    };

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "{SourceId}: {Status}, {Rows} rows in {ElapsedMs} ms (cached: {FromCache})")]
    private static partial void LogOutcome(ILogger logger, string sourceId, OutcomeStatus status, int rows, double elapsedMs, bool fromCache);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "{SourceId} failed ({Kind}): {Message}")]
    private static partial void LogFailure(ILogger logger, string sourceId, SourceFailureKind kind, string message);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "{SourceId}: internal error")]
    private static partial void LogInternalError(ILogger logger, Exception exception, string sourceId);
}
