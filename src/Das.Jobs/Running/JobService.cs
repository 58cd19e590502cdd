using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Das.Engine.Access;
using Das.Jobs.Handlers;
using Das.Jobs.Model;
using Das.Jobs.Store;
using Microsoft.Extensions.Options;

namespace Das.Jobs.Running;

/// <summary>
/// What the API and the CLI call: create, list, show, cancel, delete and wait for jobs, each seen only by its owner
/// scope (another owner's job is "not found", never "forbidden", so ids cannot be probed).
/// </summary>
public sealed class JobService
{
    private readonly IJobStore _store;
    private readonly Dictionary<string, IJobHandler> _handlers;
    private readonly IJobScheduler _scheduler;
    private readonly JobExecutor _executor;
    private readonly JobEvents _events;
    private readonly JobOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the service over the registered handlers.</summary>
    public JobService(IJobStore store, IEnumerable<IJobHandler> handlers, IJobScheduler scheduler, JobExecutor executor, JobEvents events, IOptions<JobOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        _scheduler = scheduler;
        _executor = executor;
        _events = events;
        _options = options.Value;
        _time = time;
    }

    /// <summary>The job kinds this instance can create.</summary>
    public IReadOnlyCollection<string> Kinds => _handlers.Keys;

    /// <summary>Checks the request with the kind's handler, stores the job QUEUED and schedules it.</summary>
    public async Task<JobCreation> CreateAsync(string? kind, JsonElement parameters, AccessContext access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (string.IsNullOrWhiteSpace(kind))
        {
            return new JobCreation(null, "give the job's kind (one of: " + string.Join(", ", _handlers.Keys.Order(StringComparer.Ordinal)) + ")");
        }
        if (!_handlers.TryGetValue(kind.Trim().ToLowerInvariant(), out var handler))
        {
            return new JobCreation(null, "unknown job kind '" + kind + "' (known: " + string.Join(", ", _handlers.Keys.Order(StringComparer.Ordinal)) + ")");
        }
        if (parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            parameters = JsonDocument.Parse("{}").RootElement;
        }
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return new JobCreation(null, "the job's parameters must be a JSON object");
        }
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var owner = JobOwner.Of(access);
        var groups = access.Groups.Order(StringComparer.Ordinal).ToArray();
        var context = new JobContext(id, handler.Kind, owner, groups, parameters.Clone(), _executor.WorkDirectoryOf(id));
        if (await handler.CheckAsync(context, cancellationToken) is { } problem)
        {
            return new JobCreation(null, problem);
        }
        var now = _time.GetUtcNow();
        var job = new JobRecord
        {
            Id = id,
            Kind = handler.Kind,
            Owner = owner,
            Groups = groups,
            Parameters = context.Parameters,
            Phase = JobPhase.Queued,
            Created = now,
        };
        await _store.AddAsync(job, cancellationToken);
        _events.Publish(id, owner, JobPhase.Queued, null, null, now);
        await _scheduler.ScheduleAsync(id, cancellationToken);
        return new JobCreation(job, null);
    }

    /// <summary>
    /// Stores a job that is complete when created (uploads): <paramref name="write"/> fills the job's folder and gives
    /// its results and parameters, or a problem, in which case the folder is deleted and no job exists.
    /// </summary>
    public async Task<JobCreation> AddFinishedAsync(string kind, AccessContext access,
        Func<string, CancellationToken, Task<(IReadOnlyList<JobResult> Results, JsonElement Parameters, string? Problem)>> write,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(write);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var directory = _executor.WorkDirectoryOf(id);
        Directory.CreateDirectory(directory);
        var started = _time.GetUtcNow();
        (IReadOnlyList<JobResult> Results, JsonElement Parameters, string? Problem) written;
        try
        {
            written = await write(directory, cancellationToken);
        }
        catch
        {
            _executor.DeleteWorkDirectory(id);
            throw;
        }
        if (written.Problem is not null)
        {
            _executor.DeleteWorkDirectory(id);
            return new JobCreation(null, written.Problem);
        }
        var owner = JobOwner.Of(access);
        var now = _time.GetUtcNow();
        var job = new JobRecord
        {
            Id = id,
            Kind = kind,
            Owner = owner,
            Groups = access.Groups.Order(StringComparer.Ordinal).ToArray(),
            Parameters = written.Parameters.ValueKind == JsonValueKind.Undefined ? JsonDocument.Parse("{}").RootElement : written.Parameters,
            Phase = JobPhase.Completed,
            Progress = new JobProgress(Fraction: 1, BytesDone: written.Results.Sum(r => r.Size ?? 0), BytesTotal: written.Results.Sum(r => r.Size ?? 0)),
            Results = written.Results,
            Created = started,
            Started = started,
            Ended = now,
        };
        await _store.AddAsync(job, cancellationToken);
        _events.Publish(id, owner, JobPhase.Completed, job.Progress, null, now);
        return new JobCreation(job, null);
    }

    /// <summary>The job when it exists and belongs to <paramref name="owner"/>; null otherwise.</summary>
    public async Task<JobRecord?> GetAsync(string id, string owner, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }
        var job = await _store.GetAsync(id, cancellationToken);
        return job is not null && string.Equals(job.Owner, owner, StringComparison.Ordinal) ? job : null;
    }

    /// <summary>The owner's jobs, newest first.</summary>
    public Task<IReadOnlyList<JobRecord>> ListAsync(string owner, CancellationToken cancellationToken) =>
        _store.ListAsync(owner, _options.ListLimit, cancellationToken);

    /// <summary>
    /// Cancels the job: a queued job becomes ABORTED at once; a running one is asked to stop (here, and through the
    /// store for another instance) and becomes ABORTED when its handler returns. A finished job is left as it is.
    /// Returns the job as it is after the request, or null when not found.
    /// </summary>
    public async Task<JobRecord?> CancelAsync(string id, string owner, CancellationToken cancellationToken)
    {
        var job = await GetAsync(id, owner, cancellationToken);
        if (job is null || job.IsFinal)
        {
            return job;
        }
        var now = _time.GetUtcNow();
        if (job.Phase is JobPhase.Pending or JobPhase.Queued)
        {
            var aborted = job with { Phase = JobPhase.Aborted, Ended = now, Error = "cancelled before it started, at " + now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) };
            if (await _store.UpdateAsync(aborted, job.Phase, cancellationToken))
            {
                _events.Publish(id, owner, JobPhase.Aborted, null, aborted.Error, now);
                return aborted;
            }
            job = await GetAsync(id, owner, cancellationToken);
            if (job is null || job.IsFinal)
            {
                return job;
            }
        }
        await _store.RequestCancelAsync(id, cancellationToken);
        if (_scheduler.CancelLocal(id))
        {
            await _executor.WhenNotRunningAsync(id).WaitAsync(TimeSpan.FromSeconds(30), _time, cancellationToken);
        }
        return await GetAsync(id, owner, cancellationToken);
    }

    /// <summary>Cancels the job if it runs, then deletes its record and its files. False when not found.</summary>
    public async Task<bool> DeleteAsync(string id, string owner, CancellationToken cancellationToken)
    {
        var job = await GetAsync(id, owner, cancellationToken);
        if (job is null)
        {
            return false;
        }
        if (!job.IsFinal)
        {
            await CancelAsync(id, owner, cancellationToken);
        }
        var deleted = await _store.DeleteAsync(id, cancellationToken);
        _executor.DeleteWorkDirectory(id);
        return deleted;
    }

    /// <summary>
    /// Waits until the job leaves <paramref name="phase"/> (any non-final phase when null) or the timeout passes
    /// (UWS WAIT); returns the job as it is then, null when not found.
    /// </summary>
    public async Task<JobRecord?> WaitAsync(string id, string owner, JobPhase? phase, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signal = new SemaphoreSlim(0);
        var watch = _events.WatchAsync(owner, id, cts.Token);
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in watch)
                {
                    signal.Release();
                }
            }
            catch (OperationCanceledException)
            {
                // the wait ended
            }
        }, CancellationToken.None);
        try
        {
            var deadline = _time.GetUtcNow() + timeout;
            while (true)
            {
                var job = await GetAsync(id, owner, cancellationToken);
                if (job is null || (phase is { } p ? job.Phase != p : job.IsFinal))
                {
                    return job;
                }
                var left = deadline - _time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    return job;
                }
                // Wake on the next event here, or after a second at most (the job may run in another instance).
                using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), _time, round.Token);
                await Task.WhenAny(signal.WaitAsync(round.Token), delay);
                await round.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            await cts.CancelAsync();
            await reader;
        }
    }

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
