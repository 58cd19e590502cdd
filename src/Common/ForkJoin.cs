using System.Runtime.ExceptionServices;

namespace Das.Threading;

/// <summary>
/// Data-parallel loops for the hot paths (parsing blocks, cross-match searches, joins), in place of
/// <see cref="Parallel"/>: the calling thread works too, and when it runs out of work it runs itself any helper the
/// pool has not started yet, so a loop never waits for a sleeping worker to wake.
/// </summary>
/// <remarks>
/// Why not <see cref="Parallel.For(int, int, Action{int})"/>: its first use in a process costs 9–12 ms (measured on
/// the 2-core machine, ReadyToRun build, pool already warm), about a quarter of a whole 10^5 × 10^6 cross-match, and
/// a one-shot <c>das</c> command pays it every time; this costs under 1 ms the first time. Exceptions come out as
/// thrown (the first one), not wrapped in an <see cref="AggregateException"/>, so callers catch what the body throws.
/// This file is linked into each library that needs it (an internal copy each): they share no lower assembly.
/// </remarks>
internal static class ForkJoin
{
    /// <summary>Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>), each once, on up to one thread per core.</summary>
    /// <param name="count">Number of indexes; nothing runs when it is 0 or less.</param>
    /// <param name="body">The work of one index (indexes are handed out in increasing order, one at a time).</param>
    /// <param name="maxThreads">At most this many threads, the caller's included; 0 or less means one per core.</param>
    public static void For(int count, Action<int> body, int maxThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(body);
        int threads = Math.Min(count, maxThreads > 0 ? maxThreads : Environment.ProcessorCount);
        if (threads <= 1)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }
            return;
        }
        var loop = new Loop(count, body);
        var helpers = new Task[threads - 1];
        for (int h = 0; h < helpers.Length; h++)
        {
            helpers[h] = Task.Factory.StartNew(static state => ((Loop)state!).Work(), loop, CancellationToken.None,
                TaskCreationOptions.None, TaskScheduler.Default);
        }
        loop.Work();
        foreach (var helper in helpers)
        {
            helper.Wait(); // runs the helper here when the pool has not started it (it then finds no work left)
        }
        loop.Failure?.Throw();
    }

    /// <summary>Runs <paramref name="first"/> on the calling thread and <paramref name="second"/> beside it; returns when both are done.</summary>
    /// <exception cref="Exception">The first action's exception, else the second's, as thrown.</exception>
    public static void Invoke(Action first, Action second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (Environment.ProcessorCount <= 1)
        {
            first();
            second();
            return;
        }
        var helper = Task.Factory.StartNew(second, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
        ExceptionDispatchInfo? failure = null;
        try
        {
            first();
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        try
        {
            helper.Wait(); // runs second here when the pool has not started it
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            failure ??= ExceptionDispatchInfo.Capture(e.InnerExceptions[0]);
        }
        failure?.Throw();
    }

    // The state every thread of one For shares: the next index to take and the first failure.
    private sealed class Loop(int count, Action<int> body)
    {
        private int _next = -1;
        private ExceptionDispatchInfo? _failure;

        public ExceptionDispatchInfo? Failure => Volatile.Read(ref _failure);

        public void Work()
        {
            try
            {
                int i;
                while ((uint)(i = Interlocked.Increment(ref _next)) < (uint)count) // unsigned: never wraps to a negative index
                {
                    body(i);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
                Volatile.Write(ref _next, count); // the other threads stop at their next index
            }
        }
    }
}
