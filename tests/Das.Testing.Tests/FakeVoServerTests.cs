using System.Net;
using System.Text;

namespace Das.Testing.Tests;

public sealed class FakeVoServerTests : IAsyncLifetime
{
    private FakeVoServer _server = null!;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true);

    public async ValueTask InitializeAsync() => _server = await FakeVoServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Server_listens_on_loopback_only() =>
        Assert.Equal("127.0.0.1", _server.BaseUri.Host);

    [Fact]
    public async Task Route_answers_with_the_scripted_status_type_and_body()
    {
        _server.Route("/tap/sync", FakeResponse.VoTable("<VOTABLE/>"));
        using var response = await _http.GetAsync(_server.Url("tap/sync?QUERY=x"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-votable+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<VOTABLE/>", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Unknown_path_is_answered_404()
    {
        using var response = await _http.GetAsync(_server.Url("nothing/here"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Requests_are_recorded_with_query_headers_and_body()
    {
        _server.Route("/tap/sync", FakeResponse.VoTable("<VOTABLE/>"));
        using var content = new StringContent("REQUEST=doQuery&LANG=ADQL", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Url("tap/sync?x=1")) { Content = content };
        request.Headers.UserAgent.ParseAdd("Das/0.1 (IVOA-test)");
        using var _ = await _http.SendAsync(request, Ct);
        var recorded = Assert.Single(_server.RequestsTo("/tap/sync"));
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("?x=1", recorded.QueryString);
        Assert.Equal("Das/0.1 (IVOA-test)", recorded.Header("user-agent"));
        Assert.Equal("REQUEST=doQuery&LANG=ADQL", Encoding.UTF8.GetString(recorded.Body));
    }

    [Fact]
    public async Task Html_error_page_comes_with_its_status_and_content_type()
    {
        _server.Route("/scs", FakeResponse.Html("503 Service Unavailable", 503));
        using var response = await _http.GetAsync(_server.Url("scs"), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>503 Service Unavailable</title>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_before_headers_fails_the_request()
    {
        _server.Route("/reset", FakeResponse.Reset());
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(_server.Url("reset"), Ct));
    }

    [Fact]
    public async Task Reset_after_some_bytes_cuts_the_body_short()
    {
        var body = new string('x', 100_000);
        _server.Route("/cut", FakeResponse.VoTable(body) with { ResetAfterBytes = 1000 });
        using var response = await _http.GetAsync(_server.Url("cut"), HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(100_000, response.Content.Headers.ContentLength);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        var buffer = new byte[8192];
        long read = 0;
        var ex = await Record.ExceptionAsync(async () =>
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, Ct)) > 0)
            {
                read += n;
            }
        });
        Assert.IsAssignableFrom<IOException>(ex);
        Assert.Equal(1000, read);
    }

    [Fact]
    public async Task Gigantic_body_is_streamed_to_the_announced_length()
    {
        _server.Route("/huge", FakeResponse.VoTable("<TR><TD>1</TD></TR>") with { RepeatBodyToBytes = 64L * 1024 * 1024 });
        using var response = await _http.GetAsync(_server.Url("huge"), HttpCompletionOption.ResponseHeadersRead, Ct);
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        var buffer = new byte[1 << 16];
        long read = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer, Ct)) > 0)
        {
            read += n;
        }
        Assert.Equal(64L * 1024 * 1024, read);
    }

    [Fact]
    public async Task Slow_drip_delivers_the_whole_body_in_small_chunks()
    {
        _server.Route("/drip", FakeResponse.VoTable("0123456789") with { DripChunkBytes = 3, DripInterval = TimeSpan.FromMilliseconds(1) });
        Assert.Equal("0123456789", await _http.GetStringAsync(_server.Url("drip"), Ct));
    }

    [Fact]
    public async Task Hanging_route_never_answers_before_the_client_gives_up()
    {
        _server.Route("/hang", FakeResponse.Hanging());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _http.GetAsync(_server.Url("hang"), cts.Token));
    }

    [Fact]
    public async Task Sequence_answers_in_turn_then_repeats_the_last()
    {
        _server.RouteSequence("/flaky", FakeResponse.WithStatus(503), FakeResponse.WithStatus(503), FakeResponse.VoTable("ok"));
        var statuses = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            using var r = await _http.GetAsync(_server.Url("flaky"), Ct);
            statuses.Add((int)r.StatusCode);
        }
        Assert.Equal([503, 503, 200, 200], statuses);
    }

    [Fact]
    public async Task Redirect_carries_its_location()
    {
        _server.Route("/async", FakeResponse.Redirect("/async/job1"));
        using var r = await _http.PostAsync(_server.Url("async"), new StringContent(""), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode);
        Assert.Equal("/async/job1", r.Headers.Location?.OriginalString);
    }
    [Fact]
    public async Task Requests_answered_at_the_same_time_are_counted_at_their_peak()
    {
        _server.Route("/slow", FakeResponse.VoTable("<VOTABLE/>") with { Delay = TimeSpan.FromMilliseconds(300) });
        using var gate = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var three = Enumerable.Range(0, 3).Select(_ => _http.GetStringAsync(_server.Url("slow"), Ct)).ToList();
        await _server.WaitUntilAsync(s => s.RequestsInFlight == 3, gate.Token);
        await Task.WhenAll(three);
        await _server.WaitUntilAsync(s => s.RequestsInFlight == 0, gate.Token);
        Assert.Equal(3, _server.PeakRequestsInFlight);
        _server.ResetPeak();
        Assert.Equal(0, _server.PeakRequestsInFlight);
        Assert.Empty(_server.AbortedRequests);
    }

    [Fact]
    public async Task Client_leaving_before_the_answer_is_recorded_as_an_aborted_request()
    {
        _server.Route("/hang", FakeResponse.Hanging());
        _server.Route("/reset", FakeResponse.Reset());
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var request = _http.GetAsync(_server.Url("hang"), leave.Token);
        using var gate = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _server.WaitUntilAsync(s => s.RequestsInFlight == 1, gate.Token);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await _server.WaitUntilAsync(s => s.AbortedRequests.Count == 1, gate.Token);
        Assert.Equal("/hang", _server.AbortedRequests[0].Path);
        // A connection the server drops on purpose is a scripted fault, not a client leaving.
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(_server.Url("reset"), Ct));
        await _server.WaitUntilAsync(s => s.RequestsInFlight == 0, gate.Token);
        Assert.Single(_server.AbortedRequests);
    }
    [Fact]
    public async Task Gated_answer_waits_for_the_test_to_open_the_gate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Route("/gated", FakeResponse.VoTable("<VOTABLE/>") with { WaitFor = gate.Task });
        var answer = _http.GetStringAsync(_server.Url("gated"), Ct);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _server.WaitUntilAsync(s => s.RequestsInFlight == 1, limit.Token);
        Assert.False(answer.IsCompleted);
        gate.SetResult();
        Assert.Equal("<VOTABLE/>", await answer);
    }
}
