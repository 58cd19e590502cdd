using Das.Engine.Access;
using Das.Sky.Positions;
using Das.Sources.Catalog;
using Das.Sources.Redshifts;
using Das.Vo.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Sources.Tests.Redshifts;

/// <summary>The services a host registers, with a catalogue that replaces the defaults (fakes on loopback, or DaCHS).</summary>
internal sealed class RedshiftHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public RedshiftHost(params SourceDefinition[] sources)
    {
        _services = new ServiceCollection()
            .AddDasSources(new SourceCatalogFile { Mode = "replace", Sources = sources }, "test", userAgent: DasUserAgent.Test)
            .BuildServiceProvider();
    }

    public RedshiftAggregator Aggregator => _services.GetRequiredService<RedshiftAggregator>();

    /// <summary>A default catalogue entry pointed at another endpoint (the fake archive), without its mirrors.</summary>
    public static SourceDefinition Default(string id, Uri endpoint) =>
        SourceCatalogLoader.ReadDefaultFile().Sources.Single(s => s.Id == id) with { Endpoint = endpoint.AbsoluteUri, Mirrors = [] };

    public Task<RedshiftResult> SearchAsync(double radiusArcsec, AccessContext? access = null) =>
        Aggregator.QueryAsync(new RedshiftSearch { Position = new SkyPosition(334.02, -7.8988), RadiusArcsec = radiusArcsec },
            access ?? AccessContext.Anonymous, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
