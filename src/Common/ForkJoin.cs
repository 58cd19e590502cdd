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
        var partner = Partner.TryTake(loop.Work);
        var helpers = new Task[threads - 1 - (partner is null ? 0 : 1)];
        for (int h = 0; h < helpers.Length; h++)
        {
            helpers[h] = Task.Factory.StartNew(static state => ((Loop)state!).Work(), loop, CancellationToken.None,
                TaskCreationOptions.None, TaskScheduler.Default);
        }
        loop.Work();
        partner?.Join(); // Loop.Work catches what the body throws: Join has nothing to rethrow
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
        ExceptionDispatchInfo? failure = null;
        if (Partner.TryTake(second) is { } partner)
        {
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
                partner.Join();
            }
            catch (Exception e)
            {
                failure ??= ExceptionDispatchInfo.Capture(e);
            }
            failure?.Throw();
            return;
        }
        var helper = Task.Factory.StartNew(second, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
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

    /// <summary>
    /// One thread kept for the process that takes the second half of a fork. A parser forks every few hundred
    /// microseconds (twice per block of a large table); a pool thread woken for each fork started 20-40 µs late on
    /// the 2-core machine, a tenth of the work it came for, so the partner spins a little after each job, ready for
    /// the next, and sleeps when no fork comes. One fork at a time uses it; a fork made meanwhile (another request's
    /// table, a fork inside a fork) uses the pool as before.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The partner and its events live as long as the process.")]
    private sealed class Partner
    {
        private const int Free = 0, Posted = 1, Running = 2, Done = 3;
        // How long the partner waits for the next fork before it sleeps, and the caller for the partner before it blocks.
        private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 5000; // 200 µs

        private static Partner? _shared;
        private static int _taken;

        private readonly ManualResetEventSlim _wake = new(false, 0);
        private readonly ManualResetEventSlim _finished = new(false, 0);
        private int _state = Free;
        private int _sleeping;
        private Action? _work;
        private ExceptionDispatchInfo? _failure;

        private Partner()
        {
            new Thread(Run) { IsBackground = true, Name = "Das fork-join partner" }.Start();
        }

        /// <summary>Hands <paramref name="work"/> to the partner; null when it is busy with another fork.</summary>
        public static Partner? TryTake(Action work)
        {
            if (Interlocked.CompareExchange(ref _taken, 1, 0) != 0)
            {
                return null;
            }
            var partner = _shared ??= new Partner();
            partner._work = work;
            partner._failure = null;
            partner._finished.Reset();
            Interlocked.Exchange(ref partner._state, Posted); // a full fence: the sleeping flag is read after it
            if (Volatile.Read(ref partner._sleeping) == 1)
            {
                partner._wake.Set();
            }
            return partner;
        }

        /// <summary>Returns when the work is done: run here when the partner has not started it. Rethrows its exception.</summary>
        public void Join()
        {
            try
            {
                if (Interlocked.CompareExchange(ref _state, Free, Posted) == Posted)
                {
                    var work = _work!;
                    _work = null;
                    work();
                    return;
                }
                long until = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
                while (Volatile.Read(ref _state) != Done)
                {
                    if (System.Diagnostics.Stopwatch.GetTimestamp() <= until)
                    {
                        Thread.SpinWait(8);
                    }
                    else if (_finished.Wait(TimeSpan.FromMilliseconds(1)) && Volatile.Read(ref _state) != Done)
                    {
                        // A Set left over from the last job (the partner can be preempted between marking it done and
                        // setting the event, after this fork reset it): the state decides, never the event alone.
                        _finished.Reset();
                    }
                }
                Volatile.Write(ref _state, Free);
                _failure?.Throw();
            }
            finally
            {
                Volatile.Write(ref _taken, 0);
            }
        }

        private void Run()
        {
            while (true)
            {
                long until = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
                while (Volatile.Read(ref _state) != Posted)
                {
                    if (System.Diagnostics.Stopwatch.GetTimestamp() > until)
                    {
                        _wake.Reset();
                        Interlocked.Exchange(ref _sleeping, 1); // a full fence: the state is read after it
                        if (Volatile.Read(ref _state) != Posted)
                        {
                            _wake.Wait();
                        }
                        Volatile.Write(ref _sleeping, 0);
                        until = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
                        continue;
                    }
                    Thread.SpinWait(8);
                }
                if (Interlocked.CompareExchange(ref _state, Running, Posted) != Posted)
                {
                    continue; // the caller ran it itself
                }
                try
                {
                    _work!();
                }
                catch (Exception e)
                {
                    _failure = ExceptionDispatchInfo.Capture(e);
                }
                _work = null;
                Volatile.Write(ref _state, Done);
                _finished.Set();
            }
        }
    }
}
