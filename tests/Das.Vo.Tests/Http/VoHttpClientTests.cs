using System.Net;
using System.Text;
using Das.Testing;
using Das.Vo.Errors;
using Das.Vo.Http;
using Das.Vo.Scs;
using Das.Vo.Tap;
using Das.Vo.Adql;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Vo.Tests.Http;

public sealed class VoHttpClientTests : IAsyncLifetime
{
    private FakeVoServer _server = null!;
    private ServiceProvider _services = null!;
    private VoHttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeVoServer.StartAsync(Ct);
        _services = new ServiceCollection().AddDasVo(DasUserAgent.Test).BuildServiceProvider();
        _client = _services.GetRequiredService<VoHttpClient>();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private VoRequest Cone(string path = "scs") =>
        new ScsQuery { Endpoint = _server.Url(path), RaDeg = 334.02, DecDeg = -7.8988, RadiusDeg = 0.01 }.BuildRequest();

    private static readonly VoCallOptions Quick = new() { Budget = TimeSpan.FromSeconds(10), RetryBaseDelay = TimeSpan.FromMilliseconds(10) };

    private static async Task<string> ReadAll(VoResponse response)
    {
        using var reader = new StreamReader(response.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(Ct);
    }

    [Fact]
    public async Task Success_returns_the_body_and_sends_the_softid_user_agent()
    {
        _server.Route("/scs", FakeResponse.VoTable("<VOTABLE/>"));
        await using var response = await _client.SendAsync(Cone(), Quick, Ct);
        Assert.Equal("<VOTABLE/>", await ReadAll(response));
        Assert.Null(response.BodyFault);
        var sent = Assert.Single(_server.RequestsTo("/scs"));
        Assert.Equal("?RA=334.02&DEC=-7.8988&SR=0.01", sent.QueryString);
        Assert.Equal(DasUserAgent.Test, sent.Header("User-Agent"));
        Assert.EndsWith("(IVOA-test)", DasUserAgent.Test, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_unavailable_html_page_is_retried_then_reported_with_its_title()
    {
        _server.Route("/scs", FakeResponse.Html("Down for maintenance", 503));
        var ex = await Assert.ThrowsAsync<VoHttpException>(() => _client.SendAsync(Cone(), Quick, Ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal("the service answered HTTP 503: Down for maintenance", ex.Reason);
        Assert.Equal(3, _server.RequestsTo("/scs").Count); // one try and two retries
    }

    [Fact]
    public async Task Transient_failure_then_success_returns_the_success()
    {
        _server.RouteSequence("/scs", FakeResponse.WithStatus(502), FakeResponse.VoTable("<VOTABLE/>"));
        await using var response = await _client.SendAsync(Cone(), Quick, Ct);
        Assert.Equal("<VOTABLE/>", await ReadAll(response));
    }

    [Fact]
    public async Task Server_error_500_is_not_retried_and_keeps_the_error_votable_text()
    {
        _server.Route("/scs", FakeResponse.VoTable(
            "<VOTABLE><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"ERROR\">Field SR: must be positive</INFO></RESOURCE></VOTABLE>") with { Status = 500 });
        var ex = await Assert.ThrowsAsync<VoHttpException>(() => _client.SendAsync(Cone(), Quick, Ct));
        Assert.False(ex.IsTransient);
        Assert.Equal("Field SR: must be positive", ex.ServiceMessage);
        Assert.Single(_server.RequestsTo("/scs"));
    }

    [Fact]
    public async Task Retry_after_is_reported_on_the_error()
    {
        _server.Route("/scs", FakeResponse.WithStatus(429) with { Headers = new Dictionary<string, string> { ["Retry-After"] = "120" } });
        var ex = await Assert.ThrowsAsync<VoHttpException>(() => _client.SendAsync(Cone(), Quick with { MaxRetries = 0 }, Ct));
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
    }

    [Fact]
    public async Task Refused_connection_is_a_transport_error_naming_host_and_port()
    {
        Uri dead;
        await using (var gone = await FakeVoServer.StartAsync(Ct))
        {
            dead = gone.Url("scs");
        }
        var request = new ScsQuery { Endpoint = dead, RaDeg = 1, DecDeg = 1, RadiusDeg = 1 }.BuildRequest();
        var ex = await Assert.ThrowsAsync<VoTransportException>(() => _client.SendAsync(request, Quick with { MaxRetries = 0 }, Ct));
        Assert.Equal($"the connection to 127.0.0.1:{dead.Port} was refused", ex.Reason);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task Reset_before_answer_is_a_transport_error()
    {
        _server.Route("/scs", FakeResponse.Reset());
        var ex = await Assert.ThrowsAsync<VoTransportException>(() => _client.SendAsync(Cone(), Quick, Ct));
        Assert.Contains("127.0.0.1", ex.Reason, StringComparison.Ordinal);
        Assert.Equal(3, _server.RequestsTo("/scs").Count);
    }

    [Fact]
    public async Task Service_that_never_answers_times_out_at_the_budget()
    {
        _server.Route("/scs", FakeResponse.Hanging());
        var ex = await Assert.ThrowsAsync<VoTimeoutException>(() => _client.SendAsync(Cone(), Quick with { Budget = TimeSpan.FromMilliseconds(300) }, Ct));
        Assert.Equal("no answer within the time budget of 0.3 s", ex.Reason);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        _server.Route("/scs", FakeResponse.Hanging());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(200);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.SendAsync(Cone(), Quick, cts.Token));
    }

    [Fact]
    public async Task Body_cut_short_ends_the_stream_and_says_how_much_arrived()
    {
        _server.Route("/scs", FakeResponse.VoTable(new string('x', 200_000)) with { ResetAfterBytes = 5000 });
        await using var response = await _client.SendAsync(Cone(), Quick, Ct);
        var text = await ReadAll(response);
        Assert.Equal(5000, text.Length);
        Assert.Equal(BodyFaultKind.ConnectionLost, response.BodyFault?.Kind);
        Assert.StartsWith("the connection dropped after 4.9 kB", response.BodyFault?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_drip_past_the_budget_keeps_what_arrived_and_says_the_budget_ran_out()
    {
        _server.Route("/scs", FakeResponse.VoTable(new string('x', 1000)) with { DripChunkBytes = 10, DripInterval = TimeSpan.FromMilliseconds(50) });
        await using var response = await _client.SendAsync(Cone(), Quick with { Budget = TimeSpan.FromMilliseconds(600) }, Ct);
        var text = await ReadAll(response);
        Assert.InRange(text.Length, 10, 990);
        Assert.Equal(BodyFaultKind.Timeout, response.BodyFault?.Kind);
    }

    [Fact]
    public async Task Async_job_creation_is_never_retried()
    {
        _server.Route("/tap/async", FakeResponse.WithStatus(503));
        var request = new TapQuery { BaseUrl = _server.Url("tap"), Adql = AdqlLiteral.Whole(1) }.BuildAsyncRequest();
        await Assert.ThrowsAsync<VoHttpException>(() => _client.SendAsync(request, Quick, Ct));
        Assert.Single(_server.RequestsTo("/tap/async"));
    }

    [Fact]
    public async Task Tap_sync_post_sends_form_parameters_and_is_retried()
    {
        _server.RouteSequence("/tap/sync", FakeResponse.WithStatus(503), FakeResponse.VoTable("<VOTABLE/>"));
        var request = new TapQuery { BaseUrl = _server.Url("tap"), Adql = AdqlLiteral.Text("it's") }.BuildSyncRequest();
        await using var response = await _client.SendAsync(request, Quick, Ct);
        var last = _server.RequestsTo("/tap/sync")[^1];
        Assert.Equal("POST", last.Method);
        Assert.Equal("", last.QueryString);
        Assert.Equal("REQUEST=doQuery&LANG=ADQL&QUERY=%27it%27%27s%27", Encoding.UTF8.GetString(last.Body));
    }

    [Fact]
    public async Task Upload_goes_as_a_multipart_part_named_after_the_table()
    {
        _server.Route("/tap/sync", FakeResponse.VoTable("<VOTABLE/>"));
        var request = new TapQuery
        {
            BaseUrl = _server.Url("tap"),
            Adql = AdqlLiteral.Whole(1),
            Uploads = [new VoUpload("mine", "<VOTABLE>positions</VOTABLE>"u8.ToArray())],
        }.BuildSyncRequest();
        await using var response = await _client.SendAsync(request, Quick, Ct);
        var sent = Assert.Single(_server.RequestsTo("/tap/sync"));
        Assert.StartsWith("multipart/form-data", sent.ContentType, StringComparison.Ordinal);
        var body = Encoding.UTF8.GetString(sent.Body);
        Assert.Contains("name=mine; filename=mine.vot", body, StringComparison.Ordinal);
        Assert.Contains("<VOTABLE>positions</VOTABLE>", body, StringComparison.Ordinal);
        Assert.Contains("mine,param:mine", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hedged_request_goes_to_the_mirror_when_the_primary_is_slow_and_the_mirror_answer_wins()
    {
        await using var mirror = await FakeVoServer.StartAsync(Ct);
        _server.Route("/scs", FakeResponse.Hanging());
        mirror.Route("/scs", FakeResponse.VoTable("<VOTABLE>mirror</VOTABLE>"));
        var options = Quick with { Mirrors = [mirror.BaseUri], HedgeDelay = TimeSpan.FromMilliseconds(100) };
        await using var response = await _client.SendAsync(Cone(), options, Ct);
        Assert.Equal("<VOTABLE>mirror</VOTABLE>", await ReadAll(response));
        Assert.Single(_server.RequestsTo("/scs"));
        Assert.Equal("?RA=334.02&DEC=-7.8988&SR=0.01", Assert.Single(mirror.RequestsTo("/scs")).QueryString);
    }
}
