using System.Collections.Concurrent;
using System.Text.Json;
using Das.Jobs.Handlers;
using Das.Jobs.Model;

namespace Das.Jobs.Tests.Support;

/// <summary>
/// A job kind whose behaviour the test scripts through its parameters: "steps" progress reports, then "fail" (a
/// JobFailedException with that text), "throw" (an InvalidOperationException) or a result file; "hold" makes it
/// wait for <see cref="Release"/> (or cancellation) after its first report.
/// </summary>
internal sealed class ScriptedHandler : IJobHandler
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new(StringComparer.Ordinal);

    public string Kind => "scripted";

    public ConcurrentQueue<string> Ran { get; } = new();

    public void Release(string jobId) => Gate(jobId).TrySetResult();

    public Task StartedAsync(string jobId) => Started(jobId).Task;

    public ValueTask<string?> CheckAsync(JobContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(context.Parameters.TryGetProperty("refuse", out var r) ? r.GetString() : null);

    public async Task<IReadOnlyList<JobResult>> RunAsync(JobContext context, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        Ran.Enqueue(context.JobId);
        var p = context.Parameters;
        var steps = p.TryGetProperty("steps", out var s) ? s.GetInt32() : 1;
        progress.Report(new JobProgress(0, "starting"));
        Started(context.JobId).TrySetResult();
        if (p.TryGetProperty("hold", out var hold) && hold.GetBoolean())
        {
            await Gate(context.JobId).Task.WaitAsync(cancellationToken);
        }
        for (var i = 1; i <= steps; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.Report(new JobProgress((double)i / steps, "step " + i));
        }
        if (p.TryGetProperty("fail", out var fail))
        {
            throw new JobFailedException(fail.GetString()!);
        }
        if (p.TryGetProperty("throw", out var t))
        {
            throw new InvalidOperationException(t.GetString());
        }
        var path = Path.Combine(context.WorkDirectory, "out.txt");
        await File.WriteAllTextAsync(path, "done " + context.JobId, cancellationToken);
        return [new JobResult("out.txt", path, "text/plain", new FileInfo(path).Length)];
    }

    public static JsonElement Parameters(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private TaskCompletionSource Gate(string id) => _gates.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private TaskCompletionSource Started(string id) => _started.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
