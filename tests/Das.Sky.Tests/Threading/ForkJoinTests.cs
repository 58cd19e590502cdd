using System.Collections.Concurrent;
using Das.Threading;

namespace Das.Sky.Tests.Threading;

/// <summary>The loop helper the parsers and the cross-match use in place of Parallel.For and Parallel.Invoke.</summary>
public sealed class ForkJoinTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(1000, 0)]
    [InlineData(1000, 1)]
    [InlineData(1000, 2)]
    [InlineData(1000, 64)]
    public void For_runs_every_index_exactly_once(int count, int maxThreads)
    {
        var runs = new int[count];
        ForkJoin.For(count, i => Interlocked.Increment(ref runs[i]), maxThreads);
        Assert.All(runs, r => Assert.Equal(1, r));
    }

    [Fact]
    public void For_with_one_thread_runs_in_order_on_the_calling_thread()
    {
        int caller = Environment.CurrentManagedThreadId;
        var seen = new List<(int Index, int Thread)>();
        ForkJoin.For(100, i => seen.Add((i, Environment.CurrentManagedThreadId)), maxThreads: 1);
        Assert.Equal(Enumerable.Range(0, 100), seen.Select(s => s.Index));
        Assert.All(seen, s => Assert.Equal(caller, s.Thread));
    }

    [Fact]
    public void For_uses_more_than_one_thread_when_the_machine_has_them()
    {
        Assert.SkipWhen(Environment.ProcessorCount < 2, "one core");
        var threads = new ConcurrentDictionary<int, bool>();
        // Each index waits until a second thread has joined (or a generous time has passed), so the test cannot pass
        // on one thread unless the helper never ran.
        using var second = new ManualResetEventSlim();
        ForkJoin.For(2, i =>
        {
            threads[Environment.CurrentManagedThreadId] = true;
            if (threads.Count > 1)
            {
                second.Set();
            }
            second.Wait(TimeSpan.FromSeconds(30));
        });
        Assert.Equal(2, threads.Count);
    }

    [Fact]
    public void For_rethrows_the_body_exception_as_thrown_and_stops_handing_out_indexes()
    {
        int ran = 0;
        var e = Assert.Throws<FormatException>(() => ForkJoin.For(100_000, i =>
        {
            Interlocked.Increment(ref ran);
            if (i == 10)
            {
                throw new FormatException("cell 10");
            }
        }));
        Assert.Equal("cell 10", e.Message);
        Assert.True(ran < 100_000, $"{ran} indexes ran after the failure");
    }

    [Fact]
    public void Invoke_runs_both_actions()
    {
        int first = 0, second = 0;
        ForkJoin.Invoke(() => first++, () => second++);
        Assert.Equal((1, 1), (first, second));
    }

    [Fact]
    public void Invoke_rethrows_the_first_actions_exception_after_the_second_has_finished()
    {
        bool secondDone = false;
        var e = Assert.Throws<InvalidOperationException>(() => ForkJoin.Invoke(
            () => throw new InvalidOperationException("first"),
            () => { Thread.Sleep(50); secondDone = true; }));
        Assert.Equal("first", e.Message);
        Assert.True(secondDone);
    }

    [Fact]
    public void Invoke_rethrows_the_second_actions_exception_unwrapped()
    {
        var e = Assert.Throws<ArgumentException>(() => ForkJoin.Invoke(() => { }, () => throw new ArgumentException("second")));
        Assert.Equal("second", e.Message);
    }

    [Fact]
    public void Invoke_runs_the_second_action_beside_the_first_also_after_the_helper_slept()
    {
        Assert.SkipWhen(Environment.ProcessorCount < 2, "one core");
        for (int round = 0; round < 3; round++)
        {
            // The first action waits for the second to start (or a generous time): only a second thread lets it go on.
            using var secondStarted = new ManualResetEventSlim();
            int firstThread = 0, secondThread = 0;
            ForkJoin.Invoke(
                () =>
                {
                    firstThread = Environment.CurrentManagedThreadId;
                    Assert.True(secondStarted.Wait(TimeSpan.FromSeconds(30)), "the second action never started beside the first");
                },
                () =>
                {
                    secondThread = Environment.CurrentManagedThreadId;
                    secondStarted.Set();
                });
            Assert.NotEqual(firstThread, secondThread);
            Thread.Sleep(20); // long past the helper's spin: it sleeps and must be woken for the next fork
        }
    }

    [Fact]
    public void Forks_from_many_threads_at_once_and_forks_inside_forks_run_every_action_once()
    {
        const int Threads = 8, Forks = 2_000;
        var counts = new int[Threads * Forks * 4];
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (int f = 0; f < Forks; f++)
            {
                int at = (t * Forks + f) * 4;
                ForkJoin.Invoke(
                    () => ForkJoin.Invoke(() => Interlocked.Increment(ref counts[at]), () => Interlocked.Increment(ref counts[at + 1])),
                    () => ForkJoin.For(2, i => Interlocked.Increment(ref counts[at + 2 + i])));
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.All(counts, c => Assert.Equal(1, c));
    }
}
