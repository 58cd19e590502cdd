using Das.Engine.Access;
using Das.Engine.Caching;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Engine.Sources;
using Das.Sky.Positions;
using Das.Sources;
using Das.Sources.Catalog;
using Das.Testing;
using Das.Vo.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Engine.Tests.Support;

/// <summary>
/// The engine wired as a host wires it (AddDasSources: the real protocols, the VO HTTP client, the engine and its
/// cache), in front of one fake archive on loopback. Every path carries a token unique to this harness, so answers
/// cached in a shared Redis by an earlier run can never answer this one.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    /// <summary>SDSS J104100.5+411607: the position every query asks.</summary>
    public static readonly SkyQuery Query = new() { Position = new SkyPosition(160.252083, 41.268611) };

    private readonly List<ServiceProvider> _providers = [];
    private readonly string _run = "r" + Guid.NewGuid().ToString("N")[..12];

    private EngineHarness(FakeVoServer server, EngineOptions options, TimeProvider time)
    {
        Server = server;
        Options = options;
        Time = time;
        Services = NewServices();
    }

    public FakeVoServer Server { get; }

    /// <summary>A token unique to this harness (lower-case letters and digits), for ids that must not meet an earlier run's.</summary>
    public string Run => _run;

    public EngineOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>The first instance's services.</summary>
    public ServiceProvider Services { get; }

    public QueryEngine Engine => Services.GetRequiredService<QueryEngine>();

    public static async Task<EngineHarness> StartAsync(EngineOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var server = await FakeVoServer.StartAsync(cancellationToken);
        return new EngineHarness(server, options ?? new EngineOptions(), time ?? TimeProvider.System);
    }

    /// <summary>
    /// Another Das instance with the same configuration: its own engine, its own memory cache, the same Redis (when
    /// configured), the same clock. What a second process, or this one after a restart, would be.
    /// </summary>
    public ServiceProvider NewServices()
    {
        var services = new ServiceCollection()
            .AddSingleton(Time)
            .AddDasSources(engine: Options, userAgent: DasUserAgent.Test)
            .BuildServiceProvider();
        _providers.Add(services);
        return services;
    }

    /// <summary>The path a source's fake answers on.</summary>
    public string PathOf(string id) => $"/{_run}/{id}/scs";

    /// <summary>A cone-search source answering on <see cref="PathOf"/>.</summary>
    public SourceDefinition Scs(string id, string? title = null) => new()
    {
        Id = id,
        Title = title ?? "Archive " + id,
        Kind = "catalogue",
        Protocol = "scs",
        Endpoint = Server.Url(PathOf(id)).AbsoluteUri,
    };

    /// <summary>Builds runnable sources from definitions, as the catalogue loader does.</summary>
    public IReadOnlyList<IDataSource> Build(params SourceDefinition[] definitions) => Build(Services, definitions);

    public static IReadOnlyList<IDataSource> Build(IServiceProvider services, params SourceDefinition[] definitions) =>
        services.GetRequiredService<SourceCatalogLoader>().Build(definitions, "test").Sources;

    /// <summary>Runs a query to the end and returns the outcomes in the order they were yielded.</summary>
    public Task<List<SourceOutcome>> RunAsync(IReadOnlyList<IDataSource> sources, AccessContext? access = null, CancellationToken cancellationToken = default) =>
        RunAsync(Services, sources, access, cancellationToken);

    public static async Task<List<SourceOutcome>> RunAsync(IServiceProvider services, IReadOnlyList<IDataSource> sources, AccessContext? access = null,
        CancellationToken cancellationToken = default)
    {
        var outcomes = new List<SourceOutcome>();
        var engine = services.GetRequiredService<QueryEngine>();
        await foreach (var outcome in engine.RunAsync(Query, sources, access ?? AccessContext.Anonymous, cancellationToken))
        {
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    /// <summary>The cache key the engine uses for this source and the standard query.</summary>
    public static string KeyOf(IDataSource source)
    {
        var d = source.Descriptor;
        var request = source.Plan(new SourceSearch(Query, Query.Position, d.RadiusDeg ?? Query.SearchRadiusDeg(d.Kind)));
        return AnswerCache.KeyFor(d, request);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
        await Server.DisposeAsync();
    }
}
