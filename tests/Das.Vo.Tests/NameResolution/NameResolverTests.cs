using Das.Testing;
using Das.Vo.Http;
using Das.Vo.NameResolution;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Vo.Tests.NameResolution;

public sealed class NameResolverTests : IAsyncLifetime
{
    private FakeVoServer _server = null!;
    private ServiceProvider _services = null!;
    private NameResolver _resolver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly VoCallOptions Options = new() { Budget = TimeSpan.FromSeconds(10), MaxRetries = 0 };

    private static string FixtureText(string name)
    {
        using var reader = new StreamReader(Fixture.Open("NameResolution", name));
        return reader.ReadToEnd();
    }

    public async ValueTask InitializeAsync()
    {
        _server = await FakeVoServer.StartAsync(Ct);
        _services = new ServiceCollection().AddDasVo(DasUserAgent.Test).BuildServiceProvider();
        _resolver = _services.GetRequiredService<NameResolver>();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private Uri Sesame => _server.Url("nph-sesame/");
    private Uri Simbad => _server.Url("sim-tap");
    private NameResolverServices Services => new() { Sesame = Sesame, SesameMirrors = [], SimbadTap = Simbad, SimbadTapMirrors = [] };

    private static string SimbadRows(params (string Id, double Ra, double Dec)[] rows) =>
        "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>" +
        "<FIELD name=\"main_id\" datatype=\"char\" arraysize=\"*\"/><FIELD name=\"ra\" datatype=\"double\" unit=\"deg\"/><FIELD name=\"dec\" datatype=\"double\" unit=\"deg\"/><FIELD name=\"otype\" datatype=\"char\" arraysize=\"*\"/>" +
        "<DATA><TABLEDATA>" + string.Concat(rows.Select(r => $"<TR><TD>{r.Id}</TD><TD>{r.Ra.ToString(System.Globalization.CultureInfo.InvariantCulture)}</TD><TD>{r.Dec.ToString(System.Globalization.CultureInfo.InvariantCulture)}</TD><TD>G</TD></TR>")) +
        "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    [Fact]
    public async Task Known_name_is_found_and_says_which_database_answered()
    {
        _server.Route("/nph-sesame/-oxpI/SNV", FakeResponse.Text(FixtureText("m31-simbad-ned-vizier.xml"), "text/plain"));
        var result = await _resolver.ResolveAsync("M 31", Services, Options, Ct);
        Assert.Equal(NameResolutionStatus.Found, result.Status);
        Assert.Equal("SIMBAD via Sesame", result.ResolvedBy);
        Assert.Equal(10.68470833, result.RaDeg);
        Assert.Empty(_server.RequestsTo("/sim-tap/sync"));
    }

    [Fact]
    public async Task Unknown_name_is_reported_unknown_with_each_database_answer()
    {
        _server.Route("/nph-sesame/-oxpI/SNV", FakeResponse.Text(FixtureText("unknown-name.xml"), "text/plain"));
        var result = await _resolver.ResolveAsync("Bogus Name Xyz", Services, Options, Ct);
        Assert.Equal(NameResolutionStatus.Unknown, result.Status);
        Assert.Contains("SIMBAD: *** Nothing found ***", result.Messages);
    }

    [Fact]
    public async Task Databases_placing_a_name_far_apart_make_it_ambiguous_with_both_candidates()
    {
        _server.Route("/nph-sesame/-oxpI/SNV", FakeResponse.Text(FixtureText("ambiguous-databases-disagree.xml"), "text/plain"));
        var result = await _resolver.ResolveAsync("Abell 2", Services, Options, Ct);
        Assert.Equal(NameResolutionStatus.Ambiguous, result.Status);
        Assert.Equal(2, result.Candidates.Count);
        Assert.Contains(result.Candidates, c => c.Contains("(NED)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sesame_down_falls_back_to_simbad_tap_and_says_so()
    {
        _server.Route("/nph-sesame/-oxpI/SNV", FakeResponse.Html("502 Bad Gateway", 502));
        _server.Route("/sim-tap/sync", FakeResponse.VoTable(SimbadRows(("M  31", 10.684708, 41.26875))));
        var result = await _resolver.ResolveAsync("M 31", Services, Options, Ct);
        Assert.Equal(NameResolutionStatus.Found, result.Status);
        Assert.Equal("SIMBAD TAP", result.ResolvedBy);
        Assert.Contains(result.Messages, m => m.StartsWith("Sesame: the service answered HTTP 502", StringComparison.Ordinal));
        var sent = System.Text.Encoding.UTF8.GetString(Assert.Single(_server.RequestsTo("/sim-tap/sync")).Body);
        Assert.Contains("i.id+%3D+%27M+31%27", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_with_a_quote_reaches_simbad_tap_as_one_string_literal()
    {
        _server.Route("/nph-sesame/-oxpI/SNV", FakeResponse.WithStatus(503));
        _server.Route("/sim-tap/sync", FakeResponse.VoTable(SimbadRows()));
        var result = await _resolver.ResolveAsync("Barnard's Star' OR '1'='1", Services, Options, Ct);
        Assert.Equal(NameResolutionStatus.Unknown, result.Status);
        var sent = Uri.UnescapeDataString(System.Text.Encoding.UTF8.GetString(Assert.Single(_server.RequestsTo("/sim-tap/sync")).Body).Replace('+', ' '));
        Assert.Contains("WHERE i.id = 'Barnard''s Star'' OR ''1''=''1'", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identifier_matching_two_simbad_objects_is_ambiguous()
    {
        _server.Route("/nph-sesame/-oxpI/SNV", FakeResponse.Reset());
        _server.Route("/sim-tap/sync", FakeResponse.VoTable(SimbadRows(("NAME Twin A", 10, 20), ("NAME Twin B", 30, 40))));
        var result = await _resolver.ResolveAsync("Twin", Services, Options, Ct);
        Assert.Equal(NameResolutionStatus.Ambiguous, result.Status);
        Assert.Equal(2, result.Candidates.Count);
    }

    [Fact]
    public async Task Both_resolvers_unreachable_is_a_failure_naming_each()
    {
        _server.Route("/nph-sesame/-oxpI/SNV", FakeResponse.Reset());
        _server.Route("/sim-tap/sync", FakeResponse.Html("Maintenance", 503));
        var result = await _resolver.ResolveAsync("M 31", Services, Options, Ct);
        Assert.Equal(NameResolutionStatus.Failed, result.Status);
        Assert.Equal(2, result.Messages.Count);
        Assert.StartsWith("Sesame: ", result.Messages[0], StringComparison.Ordinal);
        Assert.Equal("SIMBAD TAP: the service answered HTTP 503: Maintenance", result.Messages[1]);
    }

    [Fact]
    public async Task Silent_sesame_is_hedged_to_a_mirror_that_publishes_it_under_another_path()
    {
        await using var mirror = await FakeVoServer.StartAsync(Ct);
        _server.Route("/cgi-bin/nph-sesame/-oxpI/SNV", FakeResponse.Hanging());
        mirror.Route("/viz-bin/nph-sesame/-oxpI/SNV", FakeResponse.Text(FixtureText("m31-simbad-ned-vizier.xml"), "text/plain"));
        var services = Services with { Sesame = _server.Url("cgi-bin/nph-sesame/"), SesameMirrors = [mirror.Url("viz-bin/nph-sesame/")] };
        var result = await _resolver.ResolveAsync("M 31", services, Options with { HedgeDelay = TimeSpan.FromMilliseconds(100) }, Ct);
        Assert.Equal(NameResolutionStatus.Found, result.Status);
        Assert.Equal("SIMBAD via Sesame", result.ResolvedBy);
        Assert.Equal("?M%2031", Assert.Single(mirror.RequestsTo("/viz-bin/nph-sesame/-oxpI/SNV")).QueryString);
    }
}
