using System.Globalization;
using System.Text.RegularExpressions;
using Das.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Das.Browser.Tests;

/// <summary>The redshift panel of the query page in Chromium: two redshift sources on loopback, one of them failing.</summary>
public sealed class RedshiftPanelTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string HostileMessage = "<img src=x onerror=\"window.dasXss = 3\"> redshift table offline";

    private static readonly SourceEntry[] Sources =
    [
        new("fast", "Fast archive", "/fast/scs"),
        new("z-survey", "Synthetic redshift survey", "/z/scs", Kind: "redshifts", IsDefault: false),
        new("z-broken", "Broken redshift survey", "/zbroken/scs", Kind: "redshifts", IsDefault: false),
    ];

    private DasServer _server = null!;
    private PageSession _session = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IPage Page => _session.Page;

    // An SCS answer with a spectroscopic redshift column and its error: the host at the position, a neighbour 6" north.
    private static string Redshifts() => string.Create(CultureInfo.InvariantCulture,
        $"""
        <?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE type="results">
        <INFO name="QUERY_STATUS" value="OK"/><TABLE name="specz">
        <FIELD name="id" datatype="char" arraysize="*" ucd="meta.id;meta.main"/>
        <FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main"/><FIELD name="dec" datatype="double" unit="deg" ucd="pos.eq.dec;meta.main"/>
        <FIELD name="z" datatype="double" ucd="src.redshift"><DESCRIPTION>Spectroscopic redshift</DESCRIPTION></FIELD>
        <FIELD name="z_err" datatype="double" ucd="stat.error;src.redshift"/>
        <DATA><TABLEDATA>
        <TR><TD>neighbour &lt;b&gt;B&lt;/b&gt;</TD><TD>334.02</TD><TD>{-7.8988 + 6 / 3600.0:R}</TD><TD>0.4512</TD><TD>0.0003</TD></TR>
        <TR><TD>host A</TD><TD>334.02</TD><TD>-7.8988</TD><TD>0.23405</TD><TD>0.00004</TD></TR>
        </TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>
        """);

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Chromium.MissingReason is not null, Chromium.MissingReason ?? "");
        _server = await DasServer.StartAsync(Sources, Ct);
        _server.Archive.Route("/fast/scs", FakeResponse.VoTable(ArchiveAnswers.Cone(new ArchiveAnswers.Star(1001, -20, 10, 14.25, "http://127.0.0.1:9/p.jpg"))));
        _server.Archive.Route("/z/scs", FakeResponse.VoTable(Redshifts()));
        _server.Archive.Route("/zbroken/scs", FakeResponse.VoTable(ArchiveAnswers.QueryError(HostileMessage)));
        _session = await PageSession.OpenAsync(browser.Chromium);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_query_fills_the_panel_nearest_first_and_the_failing_source_shows_its_words_as_text()
    {
        await Page.GotoAsync(_server.Url("?RA=334.02&DEC=-7.8988&FOV=2&ERR=10"));

        var panel = Page.Locator("#redshifts");
        await Expect(panel).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30_000 });
        await Expect(panel.Locator("li[data-source='z-survey']")).ToHaveAttributeAsync("data-status", "Ok");
        var broken = panel.Locator("li[data-source='z-broken']");
        await Expect(broken).ToHaveAttributeAsync("data-status", "Failed");
        await Expect(broken.Locator(".message")).ToContainTextAsync(HostileMessage);
        Assert.Equal(0, await broken.Locator("img").CountAsync());
        Assert.Null(await Page.EvaluateAsync<int?>("() => window.dasXss ?? null"));

        var rows = panel.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).Locator("td.object")).ToHaveTextAsync("host A");
        await Expect(rows.Nth(0).Locator("td.z")).ToHaveTextAsync("0.234050 ± 0.000040");
        await Expect(rows.Nth(0).Locator("td.kind")).ToHaveTextAsync("spec");
        await Expect(rows.Nth(1).Locator("td.object")).ToHaveTextAsync("neighbour <b>B</b>");
        await Expect(rows.Nth(1).Locator("td").First).ToHaveTextAsync("6.00");
        await Expect(rows.Nth(0).Locator("td.catalogue")).ToHaveTextAsync("Synthetic redshift survey");
        await Expect(panel.Locator(".summary")).ToHaveTextAsync("2 redshifts from 2 of 2 sources, 1 failed.");
        // ERR 10" is below the default, so the panel searched 30": that is the SCS radius the archive received.
        var sent = Assert.Single(_server.Archive.RequestsTo("/z/scs"));
        Assert.Contains("SR=0.008333333333333333", sent.QueryString, StringComparison.Ordinal);
        await Expect(panel.Locator("a.export[data-format=csv]")).ToHaveAttributeAsync("href", new Regex(@"^api/redshift\?RA=334\.02&DEC=-7\.8988&RADIUS=30&format=csv$"));
        await _session.ScreenshotAsync("redshifts");
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }

    [Fact]
    public async Task A_new_radius_searches_again()
    {
        await Page.GotoAsync(_server.Url("?RA=334.02&DEC=-7.8988&FOV=2&ERR=10"));
        var panel = Page.Locator("#redshifts");
        await Expect(panel).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30_000 });

        await panel.Locator("input.radius").FillAsync("5");
        await panel.Locator("form button").ClickAsync();

        await Expect(panel).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30_000 });
        await _server.Archive.WaitUntilAsync(a => a.RequestsTo("/z/scs").Count == 2, Ct);
        Assert.Contains("SR=0.001388888888888889", _server.Archive.RequestsTo("/z/scs")[1].QueryString, StringComparison.Ordinal);
        await Expect(panel.Locator("a.export[data-format=votable]")).ToHaveAttributeAsync("href", new Regex("RADIUS=5&format=votable$"));
        _session.AssertOnlyLoopbackRequests();
        _session.AssertNoErrors();
    }
}
