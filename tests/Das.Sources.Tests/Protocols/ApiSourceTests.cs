using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Testing;

namespace Das.Sources.Tests.Protocols;

/// <summary>What every archive API source does with a body that is not a whole, readable answer (shown with Gemini's).</summary>
public sealed class ApiSourceTests : FakeArchiveTests
{
    private const string Path = "jsonsummary/notengineering/NotFail/ra=334.020000/dec=-7.898800/sr=84.853";

    private Task<SourceAnswer> AskAsync(double? maxMegabytes = null, double budgetSeconds = 10)
    {
        var source = Harness.Build(new SourceDefinition
        {
            Id = "gemini", Title = "Gemini", Kind = "images", Protocol = "gemini", Endpoint = Server.Url("jsonsummary").AbsoluteUri,
            MaxMegabytes = maxMegabytes, BudgetSeconds = budgetSeconds,
        });
        return source.FetchAsync(source.Plan(SourceHarness.Search(source, 334.02, -7.8988)), Ct);
    }

    private static FakeResponse Files => FakeResponse.Text(Fixture.Text("Gemini", "jsonsummary-two-files.json"), "application/json");

    [Fact]
    public async Task An_answer_larger_than_the_source_may_read_is_refused()
    {
        Server.Route(Path, Files);

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync(maxMegabytes: 0.001));

        Assert.Equal(SourceFailureKind.Format, failure.Kind);
        Assert.Equal("the answer is larger than the 1 kB this source may read (maxMegabytes)", failure.Message);
    }

    [Fact]
    public async Task A_body_cut_by_a_dropped_connection_is_a_transient_transport_failure()
    {
        Server.Route(Path, Files with { ResetAfterBytes = 400 });

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync());

        Assert.Equal(SourceFailureKind.Transport, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.EndsWith("before the whole answer arrived", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_still_dripping_when_the_budget_ends_is_a_timeout()
    {
        Server.Route(Path, Files with { DripChunkBytes = 64, DripInterval = TimeSpan.FromMilliseconds(200) });

        var failure = await Assert.ThrowsAsync<SourceFailureException>(() => AskAsync(budgetSeconds: 1));

        Assert.Equal(SourceFailureKind.Timeout, failure.Kind);
        Assert.EndsWith("before the whole answer arrived", failure.Message, StringComparison.Ordinal);
    }
}
