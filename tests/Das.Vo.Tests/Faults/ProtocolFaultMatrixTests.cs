using System.Net;
using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Testing;
using Das.Vo.Answers;
using Das.Vo.Datalink;
using Das.Vo.Errors;
using Das.Vo.Http;
using Das.Vo.Scs;
using Das.Vo.Sia;
using Das.Vo.Ssa;
using Das.Vo.Tap;
using Das.Vo.Vizier;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Vo.Tests.Faults;

/// <summary>
/// Every protocol against every fault a real archive shows, over real HTTP on loopback: each fault becomes the same
/// specific error (or a table that says it is incomplete), whatever the protocol, and carries the URL that was asked.
/// </summary>
public sealed class ProtocolFaultMatrixTests : IAsyncLifetime
{
    private const string Header =
        "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">" +
        "<INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE><FIELD name=\"id\" datatype=\"long\"/>" +
        "<FIELD name=\"ra\" datatype=\"double\" unit=\"deg\"/><FIELD name=\"dec\" datatype=\"double\" unit=\"deg\"/><DATA><TABLEDATA>";
    private const string Row = "<TR><TD>1</TD><TD>334.02</TD><TD>-7.8988</TD></TR>\n";
    private const string Footer = "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    private static readonly VoCallOptions Options = new() { Budget = TimeSpan.FromSeconds(10), MaxRetries = 0 };

    private FakeVoServer _server = null!;
    private ServiceProvider _services = null!;
    private VoQueryClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeVoServer.StartAsync(Ct);
        _services = new ServiceCollection().AddDasVo(DasUserAgent.Test).BuildServiceProvider();
        _client = _services.GetRequiredService<VoQueryClient>();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    public static TheoryData<string> Protocols => ["scs", "sia1", "sia2", "ssa", "tap-sync", "vizier-asu", "tapvizier", "datalink"];

    private VoRequest RequestFor(string protocol) => protocol switch
    {
        "scs" => new ScsQuery { Endpoint = _server.Url("cone/scs.xml?"), RaDeg = 334.02, DecDeg = -7.8988, RadiusDeg = 0.01 }.BuildRequest(),
        "sia1" => new Sia1Query { Endpoint = _server.Url("i/siap.xml?"), RaDeg = 334.02, DecDeg = -7.8988, SizeDeg = 0.1 }.BuildRequest(),
        "sia2" => new Sia2Query { Endpoint = _server.Url("siap2/query"), Region = new Sia2Region.Circle(334.02, -7.8988, 0.05) }.BuildRequest(),
        "ssa" => new SsaQuery { Endpoint = _server.Url("ssa/ssap.xml?"), RaDeg = 334.02, DecDeg = -7.8988, SizeDeg = 0.01 }.BuildRequest(),
        "tap-sync" => TapSchemaQuery.ColumnsOf(_server.Url("tap"), "synthcat.main").BuildSyncRequest(),
        "vizier-asu" => new VizierAsuQuery { Endpoint = _server.Url("viz-bin/votable"), Sources = ["VIII/65/nvss"], RaDeg = 334.02, DecDeg = -7.8988, RadiusArcsec = 10 }.BuildRequest(),
        "tapvizier" => new TapVizierCone { BaseUrl = _server.Url("TAPVizieR/tap"), Table = "VIII/65/nvss", RaDeg = 334.02, DecDeg = -7.8988, RadiusArcsec = 10, MaxRows = 1_000_000 }.Build().BuildSyncRequest(),
        "datalink" => new DatalinkQuery { Endpoint = _server.Url("dl/dlmeta"), Ids = ["ivo://x.test/~?frb/1"] }.BuildRequest(),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };

    private Task<(VoRequest Request, Task<VoTableAnswer> Answer)> Ask(string protocol, FakeResponse response, VoCallOptions? options = null, VoTableReaderOptions? reader = null)
    {
        var request = RequestFor(protocol);
        _server.Route(request.Endpoint.AbsolutePath, response);
        return Task.FromResult((request, _client.QueryAsync(request, options ?? Options, reader, Ct)));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Well_formed_answer_is_a_table(string protocol)
    {
        var (_, answer) = await Ask(protocol, FakeResponse.VoTable(Header + Row + Row + Footer));
        Assert.Equal(2, (await answer).Table.RowCount);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Server_error_is_an_http_error_with_the_status_and_the_url(string protocol)
    {
        var (request, answer) = await Ask(protocol, FakeResponse.Text("Internal error: database connection lost", status: 500));
        var ex = await Assert.ThrowsAsync<VoHttpException>(() => answer);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Equal(request.Endpoint.AbsolutePath, ex.ServiceUri.AbsolutePath);
        Assert.Contains("database connection lost", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Maintenance_page_is_a_transient_http_error_naming_the_page_title(string protocol)
    {
        var (_, answer) = await Ask(protocol, FakeResponse.Html("Scheduled maintenance until 14:00 UTC", 503));
        var ex = await Assert.ThrowsAsync<VoHttpException>(() => answer);
        Assert.True(ex.IsTransient);
        Assert.Contains("Scheduled maintenance until 14:00 UTC", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Html_page_with_status_200_is_a_format_error_naming_the_page_title(string protocol)
    {
        var (_, answer) = await Ask(protocol, FakeResponse.Html("Login required"));
        var ex = await Assert.ThrowsAsync<VoFormatException>(() => answer);
        Assert.Contains("Login required", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Empty_answer_is_a_format_error(string protocol)
    {
        var (_, answer) = await Ask(protocol, FakeResponse.VoTable(""));
        var ex = await Assert.ThrowsAsync<VoFormatException>(() => answer);
        Assert.Contains("empty", ex.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Error_status_inside_a_200_answer_is_a_query_error_with_the_service_words(string protocol)
    {
        var (_, answer) = await Ask(protocol, FakeResponse.VoTable(
            "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">" +
            "<INFO name=\"QUERY_STATUS\" value=\"ERROR\">Position out of the survey footprint</INFO></RESOURCE></VOTABLE>"));
        var ex = await Assert.ThrowsAsync<VoQueryException>(() => answer);
        Assert.Equal("Position out of the survey footprint", ex.ServiceMessage);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Connection_dropped_mid_table_keeps_the_rows_and_says_the_document_ended_early(string protocol)
    {
        var body = Header + string.Concat(Enumerable.Repeat(Row, 2000)) + Footer;
        var (_, answer) = await Ask(protocol, FakeResponse.VoTable(body) with { ResetAfterBytes = body.Length / 2 });
        var table = (await answer).Table;
        Assert.Equal(TruncationReason.DocumentEndedEarly, table.Truncation?.Reason);
        Assert.InRange(table.RowCount, 100, 1999);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Gigantic_answer_stops_at_the_byte_cap_with_the_rows_read_so_far(string protocol)
    {
        const long cap = 1 << 20;
        var (_, answer) = await Ask(protocol, FakeResponse.EndlessVoTableRows(Header, Row, 4L << 30),
            reader: VoTableReaderOptions.Default with { MaxBytes = cap });
        var result = await answer;
        Assert.Equal(TruncationReason.ByteCap, result.Table.Truncation?.Reason);
        Assert.True(result.Table.RowCount > 10_000, $"{result.Table.RowCount} rows");
        // The 4 GB body is abandoned, not read: what arrived stays within one network buffer of the cap.
        Assert.InRange(result.BytesRead, cap / 2, cap + (1 << 20));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Reset_connection_is_a_transport_error(string protocol)
    {
        var (request, answer) = await Ask(protocol, FakeResponse.Reset());
        var ex = await Assert.ThrowsAsync<VoTransportException>(() => answer);
        Assert.Equal(request.Endpoint.Authority, ex.ServiceUri.Authority);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Service_that_never_answers_times_out_at_the_budget(string protocol)
    {
        var (_, answer) = await Ask(protocol, FakeResponse.Hanging(), Options with { Budget = TimeSpan.FromMilliseconds(300) });
        var ex = await Assert.ThrowsAsync<VoTimeoutException>(() => answer);
        Assert.True(ex.IsTransient);
    }
}
