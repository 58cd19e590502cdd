using Das.Vo.Adql;
using Das.Vo.Errors;
using Das.Vo.Http;
using Das.Vo.Tap;
using Das.Vo.Uws;
using Das.Vo.Vosi;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Vo.Tests.Integration;

/// <summary>Das.Vo against a real data centre (GAVO DaCHS on loopback).</summary>
[Trait("Category", "Integration")]
public sealed class DachsProtocolTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private VoHttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly VoCallOptions Options = new() { Budget = TimeSpan.FromSeconds(60) };

    public ValueTask InitializeAsync()
    {
        _services = new ServiceCollection().AddDasVo(DasUserAgent.Test).BuildServiceProvider();
        _http = _services.GetRequiredService<VoHttpClient>();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Vosi_availability_says_the_tap_service_is_up()
    {
        await using var response = await _http.SendAsync(new VoRequest(HttpMethod.Get, DachsPeer.Url("tap/availability"), []), Options, Ct);
        Assert.True(VosiParser.TryParseAvailability(response.Body, out var availability, out var error), error);
        Assert.True(availability.Available);
    }

    [Fact]
    public async Task Vosi_capabilities_of_the_cone_service_include_the_unstandard_web_form()
    {
        await using var response = await _http.SendAsync(new VoRequest(HttpMethod.Get, DachsPeer.Url("synthcat/q/cone/capabilities"), []), Options, Ct);
        Assert.True(VosiParser.TryParseCapabilities(response.Body, out var caps, out var error), error);
        Assert.Contains(caps, c => c.StandardId == "ivo://ivoa.net/std/ConeSearch");
        Assert.Contains(caps, c => c.StandardId is null);
    }

    [Fact]
    public async Task Tap_async_job_runs_to_completion_and_is_deleted()
    {
        var runner = new TapAsyncJob(_http, TimeProvider.System);
        var phases = new List<UwsPhase>();
        var query = new TapQuery { BaseUrl = DachsPeer.Url("tap"), Adql = AdqlCone.Build(
            AdqlIdentifier.Parse("synthcat.main"), [AdqlIdentifier.Parse("id")], AdqlIdentifier.Parse("ra"), AdqlIdentifier.Parse("dec"),
            334.02, -7.8988, 0.01, 1000) };
        var result = await runner.RunAsync(query, Options, new Progress(phases.Add), Ct);
        var text = await new StreamReader(result.Body).ReadToEndAsync(Ct);
        Assert.Contains("<VOTABLE", text, StringComparison.Ordinal);
        Assert.Equal(UwsPhase.Completed, phases[^1]);
        // The job was deleted: its URL is gone.
        var ex = await Assert.ThrowsAsync<VoHttpException>(() => _http.SendAsync(new VoRequest(HttpMethod.Get, result.JobUrl, []), Options with { MaxRetries = 0 }, Ct));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Tap_async_job_with_bad_adql_reports_the_parser_message_of_the_service()
    {
        var runner = new TapAsyncJob(_http, TimeProvider.System);
        var adql = AdqlTemplate.Parse("SELECT FROM WHERE {x}").Render(new Dictionary<string, AdqlFragment> { ["x"] = AdqlLiteral.Whole(1) });
        var ex = await Assert.ThrowsAsync<VoQueryException>(() => runner.RunAsync(new TapQuery { BaseUrl = DachsPeer.Url("tap"), Adql = adql }, Options, null, Ct));
        Assert.Contains("Could not parse your query", ex.ServiceMessage, StringComparison.Ordinal);
    }

    private sealed class Progress(Action<UwsPhase> report) : IProgress<UwsPhase>
    {
        public void Report(UwsPhase value) => report(value);
    }
}
