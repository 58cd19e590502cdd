using Das.Engine.Access;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Sky.Positions;
using Das.Sources.Catalog;
using Das.Testing;
using Das.Vo.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Sources.Tests;

/// <summary>A host's catalogue of archive APIs, run through the engine: caching per source, pruning by footprint.</summary>
public sealed class SourcesServiceCollectionExtensionsTests : IAsyncLifetime
{
    private FakeVoServer _server = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeVoServer.StartAsync(Ct);
        _server.Route("fink/api/v1/conesearch", FakeResponse.Text(Fixture.Text("Fink", "conesearch-two-objects.json"), "application/json"));
        _server.Route("gemini/jsonsummary/notengineering/NotFail/ra=334.020000/dec=-7.898800/sr=84.853",
            FakeResponse.Text(Fixture.Text("Gemini", "jsonsummary-two-files.json"), "application/json"));
        _server.Route("ps1/cgi-bin/ps1filenames.py", FakeResponse.Text(Fixture.Text("PanStarrs", "ps1filenames-grizy.txt")));
        var user = new SourceCatalogFile
        {
            Mode = "replace",
            Sources =
            [
                Definition("fink", "catalogue", "fink", "fink/api/v1/conesearch", cacheHours: 0),
                Definition("gemini", "images", "gemini", "gemini/jsonsummary", cacheHours: 6),
                Definition("ps1-cutouts", "images", "ps1-cutouts", "ps1/cgi-bin/ps1filenames.py", cacheHours: 24) with
                {
                    Coverage = new SourceCoverage { DecMin = -30, DecMax = 90 },
                },
                Definition("legacy-cutouts", "images", "legacy-cutouts", "viewer", cacheHours: 24),
            ],
        };
        _services = new ServiceCollection().AddDasSources(user, "test.json", userAgent: DasUserAgent.Test).BuildServiceProvider();
    }

    private SourceDefinition Definition(string id, string kind, string protocol, string path, double cacheHours) => new()
    {
        Id = id,
        Title = id,
        Kind = kind,
        Protocol = protocol,
        Endpoint = _server.Url(path).AbsoluteUri,
        MaxRows = 100,
        BudgetSeconds = 10,
        CacheHours = cacheHours,
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<Dictionary<string, SourceOutcome>> RunAsync(double ra, double dec)
    {
        var catalog = _services.GetRequiredService<SourceCatalog>();
        var engine = _services.GetRequiredService<QueryEngine>();
        var query = new SkyQuery { Position = new SkyPosition(ra, dec) };
        var outcomes = new Dictionary<string, SourceOutcome>();
        await foreach (var outcome in engine.RunAsync(query, catalog.Sources, AccessContext.Anonymous, Ct))
        {
            outcomes[outcome.Source.Id] = outcome;
        }
        return outcomes;
    }

    [Fact]
    public async Task Every_archive_API_answers_through_the_engine()
    {
        var outcomes = await RunAsync(334.02, -7.8988);

        Assert.All(outcomes.Values, o => Assert.Equal(OutcomeStatus.Ok, o.Status));
        Assert.Equal(2, outcomes["fink"].RowCount);
        Assert.Equal(2, outcomes["gemini"].RowCount);
        Assert.Equal(6, outcomes["ps1-cutouts"].RowCount);
        Assert.Equal(2, outcomes["legacy-cutouts"].RowCount);
        Assert.StartsWith("GET " + _server.Url("fink/api/v1/conesearch").AbsoluteUri + "?ra=334.02&dec=-7.8988", outcomes["fink"].Provenance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alert_broker_is_asked_every_time_and_the_archives_once()
    {
        await RunAsync(334.02, -7.8988);
        var second = await RunAsync(334.02, -7.8988);

        Assert.Equal(2, _server.RequestsTo("fink/api/v1/conesearch").Count);
        Assert.Single(_server.RequestsTo("gemini/jsonsummary/notengineering/NotFail/ra=334.020000/dec=-7.898800/sr=84.853"));
        Assert.Single(_server.RequestsTo("ps1/cgi-bin/ps1filenames.py"));
        Assert.Null(second["fink"].CachedAge);
        Assert.NotNull(second["gemini"].CachedAge);
        // A cached image list comes back whole, with its URLs.
        Assert.Equal(6, second["ps1-cutouts"].RowCount);
    }

    [Fact]
    public async Task A_source_is_not_asked_outside_its_footprint()
    {
        var outcomes = await RunAsync(83.8, -69.3);

        Assert.Equal(OutcomeStatus.Skipped, outcomes["ps1-cutouts"].Status);
        Assert.Empty(_server.RequestsTo("ps1/cgi-bin/ps1filenames.py"));
    }
}
