using Das.Testing;

namespace Das.Sources.Tests;

/// <summary>
/// What every protocol test class starts from: a fake archive on 127.0.0.1 (each test routes its own answers) and the
/// source services a host registers, both fresh per test and disposed after it.
/// </summary>
public abstract class FakeArchiveTests : IAsyncLifetime
{
    /// <summary>The fake archive the sources under test point at.</summary>
    protected FakeVoServer Server { get; private set; } = null!;

    private protected SourceHarness Harness { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Server = await FakeVoServer.StartAsync(Ct);
        Harness = new SourceHarness();
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
