using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Das.Testing;
using Microsoft.Playwright;
using static Das.Browser.Tests.ArchiveAnswers;
using static Microsoft.Playwright.Assertions;

namespace Das.Browser.Tests.Samp;

/// <summary>
/// SAMP from the page through the Web Profile, against real hubs (JSAMP, astropy) on 127.0.0.1 and a real receiver
/// (astropy's SAMP client) that downloads what it is sent and reads it with astropy.
/// </summary>
[Collection(SampHubPort.Name)]
public sealed class SampTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string QueryString = "?RA=334.02&DEC=-7.8988&FOV=2&ERR=10";
    private const string ReceiverName = "das-test-receiver";

    private static readonly Star[] Stars =
    [
        new(1001, -20, 10, 14.25, "http://127.0.0.1:9/preview/1001.jpg"),
        new(1002, 15, -25, 16.5, "http://127.0.0.1:9/preview/1002.jpg"),
        new(1003, 30, 30, 18.75, "http://127.0.0.1:9/preview/1003.jpg"),
    ];

    private static readonly SourceEntry[] Sources =
    [
        new("fast", "Fast <b>archive</b> & co", "/fast/scs"),
        new("imaging", "Imaging archive", "/imaging/scs", Kind: "images"),
    ];

    private DasServer _server = null!;
    private PageSession? _session;
    private SampHubProcess? _hub;
    private SampReceiver? _receiver;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IPage Page => (_session ?? throw new InvalidOperationException("no page")).Page;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Chromium.MissingReason is not null, Chromium.MissingReason ?? "");
        _server = await DasServer.StartAsync(Sources, Ct);
        _server.Archive.Route("/fast/scs", FakeResponse.VoTable(Cone(Stars)));
        _server.Archive.Route("/imaging/scs", FakeResponse.VoTable(ImageList(_server.Archive.Url("images/field.fits").AbsoluteUri)));
        _server.Archive.Route("/images/field.fits", new FakeResponse { Body = TinyFits(6, 4), ContentType = "application/fits" });
        _session = await PageSession.OpenAsync(browser.Chromium);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task StartSampAsync(SampHubKind kind)
    {
        Assert.SkipWhen(SampHubProcess.MissingReason(kind) is not null, SampHubProcess.MissingReason(kind) ?? "");
        _hub = await SampHubProcess.StartAsync(kind, Ct);
        _receiver = await SampReceiver.StartAsync(_hub, ReceiverName, Ct);
    }

    private SampReceiver Receiver => _receiver ?? throw new InvalidOperationException("no receiver");

    private ILocator TablePanel(string id) => Page.Locator($".table-panel[data-source='{id}']");

    private async Task QueryAndConnectAsync()
    {
        await Page.GotoAsync(_server.Url(QueryString));
        await Expect(Page.Locator("body")).ToHaveAttributeAsync("data-query", "done", new() { Timeout = 30_000 });
        await Page.Locator("#samp-connect").ClickAsync();
        await Expect(Page.Locator("#samp-status")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(Page.Locator("#samp-status")).ToContainTextAsync(ReceiverName);
        await Expect(Page.Locator("#samp-connect")).ToHaveTextAsync("Disconnect");
    }

    [Theory]
    [InlineData(SampHubKind.Jsamp)]
    [InlineData(SampHubKind.Astropy)]
    public async Task Send_to_SAMP_hands_the_receiver_a_table_with_the_same_rows_as_the_page(SampHubKind kind)
    {
        await StartSampAsync(kind);
        await QueryAndConnectAsync();
        await Page.Locator("#table-tabs .tab[data-source=fast]").ClickAsync();
        var fast = TablePanel("fast");
        await Expect(fast.Locator(".tabulator-row")).ToHaveCountAsync(Stars.Length);
        // The recipient list names the receiver; the table goes to it alone.
        await Expect(fast.Locator(".samp-target option")).ToHaveTextAsync(["all SAMP clients", ReceiverName]);
        await fast.Locator(".samp-target").SelectOptionAsync(new SelectOptionValue { Label = ReceiverName });
        await fast.Locator(".samp-send-table").ClickAsync();
        await Expect(Page.Locator("#samp-results li[data-status='samp.ok']")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#samp-results li").First).ToHaveTextAsync($"{ReceiverName} loaded \"Fast <b>archive</b> & co\" (3 rows).");

        var message = (await Receiver.WaitForAsync("table.load.votable", 1, Ct)).Single();
        Assert.Equal("call", message.GetProperty("kind").GetString());
        Assert.False(message.TryGetProperty("error", out var error), "the receiver failed: " + error);
        var parameters = message.GetProperty("params");
        Assert.Equal("Fast <b>archive</b> & co", parameters.GetProperty("name").GetString());
        Assert.StartsWith("das-table-fast-", parameters.GetProperty("table-id").GetString(), StringComparison.Ordinal);
        var url = parameters.GetProperty("url").GetString() ?? "";
        Assert.StartsWith(_server.Url("api/query/table?source=fast&format=votable&"), url, StringComparison.Ordinal);

        // The receiver read the same rows the page shows: the ids and magnitudes cell by cell, the positions exactly.
        var columns = message.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["id", "ra", "dec", "gmag", "preview"], columns);
        var rows = message.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Stars.Length, rows.Count);
        var pageIds = await fast.Locator(".tabulator-row [tabulator-field=c0]").AllTextContentsAsync();
        var pageMags = await fast.Locator(".tabulator-row [tabulator-field=c3]").AllTextContentsAsync();
        for (var i = 0; i < Stars.Length; i++)
        {
            var row = rows[i].EnumerateArray().ToList();
            Assert.Equal(pageIds[i], row[0].GetInt64().ToString(CultureInfo.InvariantCulture));
            Assert.Equal(double.Parse(pageMags[i], CultureInfo.InvariantCulture), row[3].GetDouble(), 5);
            Assert.Equal(Stars[i].RaDeg, row[1].GetDouble(), 12);
            Assert.Equal(Stars[i].DecDeg, row[2].GetDouble(), 12);
            Assert.Equal(Stars[i].Url, row[4].GetString());
        }

        // Sent again: a new table-id (TOPCAT refuses a reused one), this time to every client.
        await fast.Locator(".samp-target").SelectOptionAsync(new SelectOptionValue { Label = "all SAMP clients" });
        await fast.Locator(".samp-send-table").ClickAsync();
        await Expect(Page.Locator("#samp-results li[data-status='samp.ok']")).ToHaveCountAsync(2);
        var both = await Receiver.WaitForAsync("table.load.votable", 2, Ct);
        Assert.NotEqual(both[0].GetProperty("params").GetProperty("table-id").GetString(), both[1].GetProperty("params").GetProperty("table-id").GetString());
        if (kind == SampHubKind.Jsamp)
        {
            // The Web Profile sequence, as the hub saw it: register, metadata, callbacks allowed, subscriptions, then
            // the long poll and one call per send (to one client, then to all).
            var calls = _hub!.CallsReceived;
            Assert.Equal(["samp.webhub.register", "samp.webhub.declareMetadata", "samp.webhub.allowReverseCallbacks", "samp.webhub.declareSubscriptions"], calls.Take(4));
            Assert.Contains("samp.webhub.pullCallbacks", calls);
            Assert.Single(calls, c => c == "samp.webhub.call");
            Assert.Single(calls, c => c == "samp.webhub.callAll");
        }
        await _session!.ScreenshotAsync($"samp-{kind.ToString().ToLowerInvariant()}");
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task A_row_click_points_the_receiver_at_its_position_and_Send_image_sends_the_rows_FITS()
    {
        await StartSampAsync(SampHubKind.Jsamp);
        await QueryAndConnectAsync();
        var sender = (await Receiver.WaitForAsync("samp.hub.event.register", 1, Ct))[^1].GetProperty("params").GetProperty("id").GetString();

        // coord.pointAt.sky: the second row's position, as the receiver got it.
        await Page.Locator("#table-tabs .tab[data-source=fast]").ClickAsync();
        await TablePanel("fast").Locator(".tabulator-row").Nth(1).Locator("[tabulator-field=c0]").ClickAsync();
        var point = (await Receiver.WaitForAsync("coord.pointAt.sky", 1, Ct)).Single();
        Assert.Equal(sender, point.GetProperty("sender").GetString());
        Assert.Equal(Stars[1].RaDeg, double.Parse(point.GetProperty("params").GetProperty("ra").GetString()!, CultureInfo.InvariantCulture), 10);
        Assert.Equal(Stars[1].DecDeg, double.Parse(point.GetProperty("params").GetProperty("dec").GetString()!, CultureInfo.InvariantCulture), 10);
        await Expect(Page.Locator("#samp-results li[data-kind=point]").First).ToHaveTextAsync(FormattableString.Invariant($"Pointed {ReceiverName} at RA {Stars[1].RaDeg:F5}, Dec {Stars[1].DecDeg:F5}"));

        // image.load.fits: the image table offers "Send image"; without a selected row it says what to do.
        await Page.Locator("#table-tabs .tab[data-source=imaging]").ClickAsync();
        var images = TablePanel("imaging");
        await images.Locator(".samp-send-image").ClickAsync();
        await Expect(Page.Locator("#samp-results li").First).ToHaveTextAsync("Select a row of \"Imaging archive\" first: its FITS image is sent.");
        // The JPEG preview row has no FITS; the FITS row is sent and the receiver reads its header.
        await images.Locator(".tabulator-row").Nth(1).Locator("[tabulator-field=c0]").ClickAsync();
        await images.Locator(".samp-send-image").ClickAsync();
        await Expect(Page.Locator("#samp-results li").First).ToHaveTextAsync("Row 2 of \"Imaging archive\" has no FITS image.");
        await images.Locator(".tabulator-row").Nth(0).Locator("[tabulator-field=c0]").ClickAsync();
        await images.Locator(".samp-send-image").ClickAsync();
        await Expect(Page.Locator("#samp-results li[data-mtype='image.load.fits'][data-status='samp.ok']")).ToHaveCountAsync(1);
        var image = (await Receiver.WaitForAsync("image.load.fits", 1, Ct)).Single();
        Assert.False(image.TryGetProperty("error", out var error), "the receiver failed: " + error);
        Assert.Equal(_server.Archive.Url("images/field.fits").AbsoluteUri, image.GetProperty("params").GetProperty("url").GetString());
        Assert.StartsWith("das-image-imaging-", image.GetProperty("params").GetProperty("image-id").GetString(), StringComparison.Ordinal);
        var header = image.GetProperty("fits");
        Assert.True(header.GetProperty("SIMPLE").GetBoolean());
        Assert.Equal(2, header.GetProperty("NAXIS").GetInt32());
        Assert.Equal(6, header.GetProperty("NAXIS1").GetInt32());
        Assert.Equal(4, header.GetProperty("NAXIS2").GetInt32());

        // Leaving the page unregisters Das from the hub: the hub logs the page's unregister call, and the receiver hears
        // the hub's unregister event (not a later expiry of an idle client).
        Assert.DoesNotContain("samp.webhub.unregister", _hub!.CallsReceived);
        await Page.GotoAsync("about:blank");
        await Receiver.WaitForAsync("samp.hub.event.unregister", 1, Ct, m => m.GetProperty("params").GetProperty("id").GetString() == sender);
        Assert.Contains("samp.webhub.unregister", _hub.CallsReceived);
        _session!.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task Send_to_SAMP_loads_the_table_into_TOPCAT_twice_with_new_table_ids()
    {
        Assert.SkipWhen(TopcatProcess.MissingReason is not null, TopcatProcess.MissingReason ?? "");
        await StartSampAsync(SampHubKind.Jsamp);
        await using var topcat = await TopcatProcess.StartAsync(_hub!, Ct);
        await QueryAndConnectAsync();
        // TOPCAT registers in seconds (more on a loaded machine); the page lists it when the hub announces it.
        await Expect(Page.Locator("#samp-status")).ToContainTextAsync("topcat", new() { Timeout = 90_000 });
        await Page.Locator("#table-tabs .tab[data-source=fast]").ClickAsync();
        var fast = TablePanel("fast");
        await fast.Locator(".samp-target").SelectOptionAsync(new SelectOptionValue { Label = "topcat" });
        await fast.Locator(".samp-send-table").ClickAsync();
        await Expect(Page.Locator("#samp-results li").First).ToHaveTextAsync("topcat loaded \"Fast <b>archive</b> & co\" (3 rows).", new() { Timeout = 60_000 });
        // TOPCAT answers a reused table-id with samp.error "Duplicate table-id": the second send must be a new one.
        await fast.Locator(".samp-send-table").ClickAsync();
        await Expect(Page.Locator("#samp-results li[data-status='samp.ok']")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(Page.Locator("#samp-results li.error")).ToHaveCountAsync(0);
        _session!.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task Disconnect_unregisters_and_the_page_says_so()
    {
        await StartSampAsync(SampHubKind.Jsamp);
        await QueryAndConnectAsync();
        var sender = (await Receiver.WaitForAsync("samp.hub.event.register", 1, Ct))[^1].GetProperty("params").GetProperty("id").GetString();
        await Page.Locator("#samp-connect").ClickAsync();
        await Expect(Page.Locator("#samp-status")).ToHaveAttributeAsync("data-state", "disconnected");
        await Expect(Page.Locator("#samp-connect")).ToHaveTextAsync("Connect");
        await Receiver.WaitForAsync("samp.hub.event.unregister", 1, Ct, m => m.GetProperty("params").GetProperty("id").GetString() == sender);
        Assert.Contains("samp.webhub.unregister", _hub!.CallsReceived);
        // The recipient lists hold only "all SAMP clients" again.
        await Expect(TablePanel("fast").Locator(".samp-target option")).ToHaveTextAsync(["all SAMP clients"]);
        _session!.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task Without_a_hub_the_page_says_no_SAMP_hub_is_running()
    {
        // No hub is started: port 21012 must be free (a running TOPCAT would answer there).
        Assert.SkipWhen(await SampHubProcess.PortTakenAsync(Ct), $"port {SampHubProcess.WebProfilePort} is taken by a running SAMP hub");
        await Page.GotoAsync(_server.Url(QueryString));
        await Expect(Page.Locator("body")).ToHaveAttributeAsync("data-query", "done", new() { Timeout = 30_000 });
        await Page.Locator("#samp-connect").ClickAsync();
        await Expect(Page.Locator("#samp-status")).ToHaveAttributeAsync("data-state", "no-hub");
        await Expect(Page.Locator("#samp-status")).ToHaveTextAsync(new Regex("^No SAMP hub is running: start TOPCAT or Aladin"));
        // "Send to SAMP" tries to connect first and says the same.
        await Page.Locator("#table-tabs .tab[data-source=fast]").ClickAsync();
        await TablePanel("fast").Locator(".samp-send-table").ClickAsync();
        await Expect(Page.Locator("#samp-status")).ToHaveAttributeAsync("data-state", "no-hub");
        await Expect(Page.Locator("#samp-connect")).ToHaveTextAsync("Connect");
        await _session!.ScreenshotAsync("samp-no-hub");
        _session.AssertOnlyLoopbackRequests();
        // The browser itself logs each refused connection to the hub; nothing else may be logged.
        _session.AssertNoErrors(error => error.Contains("ERR_CONNECTION_REFUSED", StringComparison.Ordinal));
    }

    /// <summary>An image service's answer (SIA 1 columns): a FITS image on the fake archive and a JPEG preview.</summary>
    private static string ImageList(string fitsUrl) =>
        "<?xml version=\"1.0\"?><VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\">"
        + "<INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>"
        + "<FIELD name=\"title\" datatype=\"char\" arraysize=\"*\" ucd=\"VOX:Image_Title\"/>"
        + "<FIELD name=\"ra\" datatype=\"double\" unit=\"deg\" ucd=\"POS_EQ_RA_MAIN\"/>"
        + "<FIELD name=\"dec\" datatype=\"double\" unit=\"deg\" ucd=\"POS_EQ_DEC_MAIN\"/>"
        + "<FIELD name=\"format\" datatype=\"char\" arraysize=\"*\" ucd=\"VOX:Image_Format\"/>"
        + "<FIELD name=\"access\" datatype=\"char\" arraysize=\"*\" ucd=\"VOX:Image_AccessReference\"/>"
        + "<DATA><TABLEDATA>"
        + FormattableString.Invariant($"<TR><TD>field r-band</TD><TD>{Ra}</TD><TD>{Dec}</TD><TD>image/fits</TD><TD>{System.Security.SecurityElement.Escape(fitsUrl)}</TD></TR>")
        + FormattableString.Invariant($"<TR><TD>field preview</TD><TD>{Ra}</TD><TD>{Dec}</TD><TD>image/jpeg</TD><TD>http://127.0.0.1:9/preview/field.jpg</TD></TR>")
        + "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    /// <summary>A FITS file: one 8-bit image of <paramref name="width"/> × <paramref name="height"/> pixels, header and data padded to 2880 bytes.</summary>
    private static byte[] TinyFits(int width, int height)
    {
        static string Card(string key, string value) => $"{key,-8}= {value,20}".PadRight(80);
        var header = new StringBuilder()
            .Append(Card("SIMPLE", "T")).Append(Card("BITPIX", "8")).Append(Card("NAXIS", "2"))
            .Append(Card("NAXIS1", width.ToString(CultureInfo.InvariantCulture)))
            .Append(Card("NAXIS2", height.ToString(CultureInfo.InvariantCulture)))
            .Append("END".PadRight(80));
        var headerBytes = Encoding.ASCII.GetBytes(header.ToString().PadRight(2880));
        var data = new byte[2880];
        for (var i = 0; i < width * height; i++)
        {
            data[i] = (byte)(i * 10);
        }
        return [.. headerBytes, .. data];
    }
}
