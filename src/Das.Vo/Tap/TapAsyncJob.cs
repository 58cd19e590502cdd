using System.Globalization;
using Das.Vo.Errors;
using Das.Vo.Http;
using Das.Vo.Uws;

namespace Das.Vo.Tap;

/// <summary>
/// Runs a TAP query as a UWS job: creates it with PHASE=RUN, waits with blocking WAIT polls of growing length
/// (UWS 1.1 section 2.3.2), fetches the result, reads the error document when the job failed, and deletes the job
/// when done or abandoned. The whole run shares one time budget.
/// </summary>
public sealed class TapAsyncJob
{
    private static readonly int[] WaitSeconds = [1, 2, 4, 8, 15, 30];

    private readonly VoHttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>Creates the runner.</summary>
    public TapAsyncJob(VoHttpClient http, TimeProvider time)
    {
        _http = http;
        _time = time;
    }

    /// <summary>
    /// Runs the query and returns the result's response (its body not read yet). The job is deleted afterwards:
    /// the result is fetched before the delete, and the body is buffered so the deletion cannot cut it.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="options">Budget for the whole run (creation, waiting, result).</param>
    /// <param name="progress">Receives each phase seen.</param>
    /// <param name="cancellationToken">Cancels the run; the job is still deleted.</param>
    public async Task<TapAsyncResult> RunAsync(TapQuery query, VoCallOptions options, IProgress<UwsPhase>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        long start = _time.GetTimestamp();
        var create = query.BuildAsyncRequest();
        Uri jobUrl;
        UwsJobInfo job;
        await using (var created = await _http.SendAsync(create, options, cancellationToken))
        {
            // The service answers 303 See Other to the job; HttpClient followed it, so the final URL is the job's.
            jobUrl = created.FinalUri ?? throw new VoFormatException(create.Url, "the service did not say where the job is");
            job = await ReadJobAsync(created, cancellationToken);
        }
        try
        {
            if (job.Phase == UwsPhase.Pending)
            {
                // Some services (DaCHS among them) ignore PHASE=RUN at creation; the phase resource always works.
                var run = new VoRequest(HttpMethod.Post, new Uri(jobUrl.AbsoluteUri.TrimEnd('/') + "/phase"), [new("PHASE", "RUN")]);
                await using var started = await _http.SendAsync(run, options with { MaxRetries = 0, Mirrors = [] }, cancellationToken);
                job = await ReadJobAsync(started, cancellationToken);
            }
            progress?.Report(job.Phase);
            int poll = 0;
            while (!job.IsFinal)
            {
                var remaining = options.Budget - _time.GetElapsedTime(start);
                if (remaining <= TimeSpan.Zero)
                {
                    throw new VoTimeoutException(jobUrl, options.Budget);
                }
                int wait = (int)Math.Min(WaitSeconds[Math.Min(poll++, WaitSeconds.Length - 1)], Math.Max(1, remaining.TotalSeconds));
                var pollRequest = new VoRequest(HttpMethod.Get, jobUrl,
                [
                    new("WAIT", wait.ToString(CultureInfo.InvariantCulture)),
                    new("PHASE", job.PhaseText),
                ]);
                long polledAt = _time.GetTimestamp();
                UwsJobInfo next;
                await using (var polled = await _http.SendAsync(pollRequest, options with { Budget = remaining }, cancellationToken))
                {
                    next = await ReadJobAsync(polled, cancellationToken);
                }
                if (next.Phase != job.Phase)
                {
                    progress?.Report(next.Phase);
                }
                else
                {
                    // A service that ignores WAIT answers at once: wait out the interval here instead of polling in a loop.
                    var early = TimeSpan.FromSeconds(wait) - _time.GetElapsedTime(polledAt);
                    if (early > TimeSpan.Zero && early < options.Budget - _time.GetElapsedTime(start))
                    {
                        await Task.Delay(early, _time, cancellationToken);
                    }
                }
                job = next;
            }
            return job.Phase switch
            {
                UwsPhase.Completed => await FetchResultAsync(job, jobUrl, create, options.Budget - _time.GetElapsedTime(start), options, cancellationToken),
                UwsPhase.Error => throw new VoQueryException(jobUrl, await ErrorMessageAsync(job, jobUrl, options, cancellationToken)),
                _ => throw new VoQueryException(jobUrl, $"the job ended in phase {job.PhaseText}"),
            };
        }
        catch (VoTimeoutException ex) when (ex.Budget != options.Budget)
        {
            // A poll or the result fetch ran out of what was left: report the run's budget, not the leftover.
            throw new VoTimeoutException(jobUrl, options.Budget, ex);
        }
        finally
        {
            await DeleteAsync(jobUrl, options);
        }
    }

    private async Task<TapAsyncResult> FetchResultAsync(UwsJobInfo job, Uri jobUrl, VoRequest create, TimeSpan remaining, VoCallOptions options, CancellationToken cancellationToken)
    {
        if (remaining <= TimeSpan.Zero)
        {
            throw new VoTimeoutException(jobUrl, options.Budget);
        }
        var link = job.Results.FirstOrDefault(r => string.Equals(r.Id, "result", StringComparison.OrdinalIgnoreCase)) ?? (job.Results.Count > 0 ? job.Results[0] : null);
        var resultUrl = link?.Href is { } href ? new Uri(jobUrl, href) : new Uri(jobUrl.AbsoluteUri.TrimEnd('/') + "/results/result");
        await using var response = await _http.SendAsync(new VoRequest(HttpMethod.Get, resultUrl, []), options with { Budget = remaining }, cancellationToken);
        var buffer = new MemoryStream();
        await response.Body.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        return new TapAsyncResult(job.JobId, jobUrl, create, buffer, response.ContentType, response.BodyFault);
    }

    private async Task<string> ErrorMessageAsync(UwsJobInfo job, Uri jobUrl, VoCallOptions options, CancellationToken cancellationToken)
    {
        // The error document (job/error) has the service's full words; the summary's message is the fallback.
        try
        {
            await using var response = await _http.SendAsync(new VoRequest(HttpMethod.Get, new Uri(jobUrl.AbsoluteUri.TrimEnd('/') + "/error"), []),
                options with { Budget = TimeSpan.FromSeconds(10), MaxRetries = 0 }, cancellationToken);
            var message = await ServiceMessage.ReadAsync(response.Body, response.ContentType, cancellationToken);
            if (!string.IsNullOrWhiteSpace(message))
            {
                return message;
            }
        }
        catch (VoException)
        {
            // No error document: use the summary.
        }
        return job.ErrorMessage ?? "the job failed without saying why";
    }

    private async Task DeleteAsync(Uri jobUrl, VoCallOptions options)
    {
        // Best effort and independent of the caller's cancellation: an abandoned job should not linger on the archive.
        try
        {
            await using var _ = await _http.SendAsync(new VoRequest(HttpMethod.Delete, jobUrl, []),
                options with { Budget = TimeSpan.FromSeconds(5), MaxRetries = 0, Mirrors = [] }, CancellationToken.None);
        }
        catch (VoException)
        {
            // The service will destroy the job at its destruction time.
        }
    }

    private static async Task<UwsJobInfo> ReadJobAsync(VoResponse response, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await response.Body.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        if (!UwsJobParser.TryParse(buffer, out var job, out var error))
        {
            var excerpt = ServiceMessage.Extract(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, 4096)), response.ContentType);
            throw new VoFormatException(response.Request.Url, $"expected a UWS job document: {error}", excerpt);
        }
        return job;
    }
}
