using Das.Jobs.Model;

namespace Das.Jobs.Store;

/// <summary>
/// Where job records live: SQLite for one instance (<see cref="SqliteJobStore"/>), PostgreSQL when several instances
/// share the work. Every change of phase is a compare-and-set on the phase, so a cancel and a start racing on two
/// threads or two machines cannot both win.
/// </summary>
public interface IJobStore
{
    /// <summary>Creates the tables when missing. Called once at start-up; idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds a new job.</summary>
    Task AddAsync(JobRecord job, CancellationToken cancellationToken);

    /// <summary>The job with this id, or null.</summary>
    Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The jobs of one owner (all owners when null), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<JobRecord>> ListAsync(string? owner, int limit, CancellationToken cancellationToken);

    /// <summary>Every job in one of these phases (start-up recovery).</summary>
    Task<IReadOnlyList<JobRecord>> ListInPhasesAsync(IReadOnlyCollection<JobPhase> phases, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the stored record by <paramref name="job"/> when the stored phase is <paramref name="expectedPhase"/>
    /// (any phase when null). False when the job is gone or its phase differs.
    /// </summary>
    Task<bool> UpdateAsync(JobRecord job, JobPhase? expectedPhase, CancellationToken cancellationToken);

    /// <summary>Asks whoever runs the job to stop it (the flag is read by the runner's progress loop). False when the job is gone.</summary>
    Task<bool> RequestCancelAsync(string id, CancellationToken cancellationToken);

    /// <summary>Which of these jobs have a cancel request.</summary>
    Task<IReadOnlySet<string>> CancelRequestedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Deletes the record. False when it was not there.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
