using Das.Jobs.Model;

namespace Das.Jobs.Handlers;

/// <summary>
/// Runs one kind of job ("download", "hips", "mosaic"). Register an implementation in DI as
/// <c>services.AddSingleton&lt;IJobHandler, MyHandler&gt;()</c>; the runner picks it by <see cref="Kind"/>.
/// <para>
/// Contract: <see cref="CheckAsync"/> refuses bad parameters with a specific message before the job is created (so
/// the API answers 400 at once); <see cref="RunAsync"/> does the work, reports through <c>progress</c> as often as it
/// likes (the runner throttles what it stores), honours <c>cancellationToken</c> promptly, writes its files under
/// <see cref="JobContext.WorkDirectory"/> (deleted with the job) and returns the results. To fail, throw
/// <see cref="JobFailedException"/> with the message the user should read (a missing tool: name the Debian package);
/// any other exception also fails the job, recorded with its type and message.
/// </para>
/// </summary>
public interface IJobHandler
{
    /// <summary>The kind this handler runs, lower case ("download").</summary>
    string Kind { get; }

    /// <summary>
    /// Checks a request before the job is created: null when it may run, else the reason it may not (bad or missing
    /// parameter, a URL the caller may not fetch). Must not start the work.
    /// </summary>
    ValueTask<string?> CheckAsync(JobContext context, CancellationToken cancellationToken);

    /// <summary>Does the work and returns its results.</summary>
    Task<IReadOnlyList<JobResult>> RunAsync(JobContext context, IProgress<JobProgress> progress, CancellationToken cancellationToken);
}
