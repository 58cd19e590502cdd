using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;

namespace Das.Testing;

/// <summary>
/// A UWS 1.1 job service (as TAP's /async) on a <see cref="FakeVoServer"/>: jobs are created by POST, go through
/// a scripted list of phases (one step per poll of the job), honour WAIT by answering at once with the next phase,
/// serve a result or an error document, and record DELETEs.
/// </summary>
public sealed class FakeUwsService
{
    private readonly FakeVoServer _server;
    private readonly string _base;
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private int _next;

    public FakeUwsService(FakeVoServer server, string basePath)
    {
        _server = server;
        _base = "/" + basePath.Trim('/');
        server.Route(_base, Create);
    }

    /// <summary>Phases each new job goes through, one per poll. Default: QUEUED, EXECUTING, COMPLETED.</summary>
    public IReadOnlyList<string> Phases { get; set; } = ["QUEUED", "EXECUTING", "COMPLETED"];

    /// <summary>When true, PHASE=RUN sent with the creation is ignored (as DaCHS does): the job waits in PENDING until POST phase.</summary>
    public bool IgnoresRunAtCreation { get; set; }

    /// <summary>The result document of completed jobs.</summary>
    public string ResultVoTable { get; set; } = "<VOTABLE/>";

    /// <summary>The error message of jobs that end in ERROR.</summary>
    public string ErrorMessage { get; set; } = "Could not parse your query";

    /// <summary>Times (from the server's clock) at which job documents were served, for checking poll pacing.</summary>
    public ConcurrentQueue<DateTimeOffset> PollTimes { get; } = new();

    /// <summary>Job ids that were deleted.</summary>
    public IReadOnlyCollection<string> Deleted => [.. _jobs.Values.Where(j => j.Deleted).Select(j => j.Id)];

    /// <summary>Job ids created.</summary>
    public IReadOnlyCollection<string> Created => [.. _jobs.Keys];

    /// <summary>WAIT values clients sent, in order.</summary>
    public ConcurrentQueue<string> WaitValues { get; } = new();

    private FakeResponse Create(RecordedRequest request)
    {
        if (request.Method != "POST")
        {
            return FakeResponse.Text("<uws:jobs xmlns:uws=\"http://www.ivoa.net/xml/UWS/v1.0\"/>", "text/xml");
        }
        var id = "job" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var job = new Job(id, !IgnoresRunAtCreation && Encoding.UTF8.GetString(request.Body).Contains("PHASE=RUN", StringComparison.Ordinal));
        _jobs[id] = job;
        var jobPath = $"{_base}/{id}";
        _server.Route(jobPath, r => JobDocument(job, r));
        _server.Route(jobPath + "/phase", r => Phase(job, r));
        _server.Route(jobPath + "/results/result", _ => FakeResponse.VoTable(ResultVoTable));
        _server.Route(jobPath + "/error", _ => FakeResponse.VoTable(
            $"<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"ERROR\">{WebUtility.HtmlEncode(ErrorMessage)}</INFO></RESOURCE></VOTABLE>"));
        return FakeResponse.Redirect(jobPath);
    }

    private FakeResponse Phase(Job job, RecordedRequest request)
    {
        if (request.Method == "POST")
        {
            var body = Encoding.UTF8.GetString(request.Body);
            if (body.Contains("PHASE=RUN", StringComparison.Ordinal))
            {
                job.Running = true;
                job.Viewed = false; // the redirect after starting shows the first running phase
            }
            else if (body.Contains("PHASE=ABORT", StringComparison.Ordinal))
            {
                job.Aborted = true;
            }
            return FakeResponse.Redirect($"{_base}/{job.Id}");
        }
        return FakeResponse.Text(CurrentPhase(job));
    }

    private FakeResponse JobDocument(Job job, RecordedRequest request)
    {
        if (request.Method == "DELETE" || (request.Method == "POST" && Encoding.UTF8.GetString(request.Body).Contains("ACTION=DELETE", StringComparison.Ordinal)))
        {
            job.Deleted = true;
            return FakeResponse.Redirect(_base);
        }
        PollTimes.Enqueue(TimeProvider.System.GetUtcNow());
        var query = request.QueryString;
        int wait = query.IndexOf("WAIT=", StringComparison.Ordinal);
        if (wait >= 0)
        {
            WaitValues.Enqueue(new string([.. query[(wait + 5)..].TakeWhile(char.IsAsciiDigit)]));
        }
        // The first view (the redirect after creation) shows the first phase; each later view is one step on.
        if (job.Viewed && job.Running && !job.Aborted && job.Step < Phases.Count - 1)
        {
            job.Step++;
        }
        job.Viewed = true;
        var phase = CurrentPhase(job);
        var results = phase == "COMPLETED"
            ? $"<uws:results><uws:result id=\"result\" xlink:href=\"{_server.Url($"{_base}/{job.Id}/results/result")}\"/></uws:results>"
            : "<uws:results/>";
        var error = phase == "ERROR"
            ? $"<uws:errorSummary type=\"fatal\" hasDetail=\"true\"><uws:message>{WebUtility.HtmlEncode(ErrorMessage)}</uws:message></uws:errorSummary>"
            : "";
        return FakeResponse.Text(
            "<uws:job version=\"1.1\" xmlns:uws=\"http://www.ivoa.net/xml/UWS/v1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">" +
            $"<uws:jobId>{job.Id}</uws:jobId><uws:phase>{phase}</uws:phase>{results}{error}</uws:job>",
            "text/xml");
    }

    private string CurrentPhase(Job job) => job.Aborted ? "ABORTED" : job.Running ? Phases[job.Step] : "PENDING";

    private sealed class Job(string id, bool running)
    {
        public string Id { get; } = id;
        public bool Running { get; set; } = running;
        public bool Aborted { get; set; }
        public bool Deleted { get; set; }
        public bool Viewed { get; set; }
        public int Step { get; set; }
    }
}
