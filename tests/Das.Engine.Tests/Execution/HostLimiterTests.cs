using Das.Engine.Execution;

namespace Das.Engine.Tests.Execution;

/// <summary>The per-host gate the engine puts in front of every fetch.</summary>
public sealed class HostLimiterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Third_request_to_a_host_waits_until_one_of_two_slots_is_released()
    {
        var limiter = new HostLimiter(2);
        var first = await limiter.AcquireAsync("vizier.cds.unistra.fr", Ct);
        var second = await limiter.AcquireAsync("vizier.cds.unistra.fr", Ct);

        var third = limiter.AcquireAsync("vizier.cds.unistra.fr", Ct);
        Assert.False(third.IsCompleted);

        first.Dispose();
        using var slot = await third.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        second.Dispose();
    }

    [Fact]
    public async Task Hosts_do_not_share_slots_and_names_ignore_case()
    {
        var limiter = new HostLimiter(1);
        using var vizier = await limiter.AcquireAsync("VizieR.cds.unistra.fr", Ct);

        var sameHost = limiter.AcquireAsync("vizier.cds.unistra.fr", Ct);
        using var otherHost = await limiter.AcquireAsync("gea.esac.esa.int", Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.False(sameHost.IsCompleted);
        vizier.Dispose();
        using var _ = await sameHost.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Releasing_a_slot_twice_frees_it_once()
    {
        var limiter = new HostLimiter(1);
        var slot = await limiter.AcquireAsync("h", Ct);
        slot.Dispose();
        slot.Dispose();

        using var again = await limiter.AcquireAsync("h", Ct);
        var waiting = limiter.AcquireAsync("h", Ct);
        Assert.False(waiting.IsCompleted);
        again.Dispose();
        using var _ = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Waiting_for_a_slot_ends_when_the_caller_gives_up()
    {
        var limiter = new HostLimiter(1);
        using var busy = await limiter.AcquireAsync("h", Ct);
        using var leave = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync("h", leave.Token);
        await leave.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        busy.Dispose();
        using var _ = await limiter.AcquireAsync("h", Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }
}
