using System.Net;
using System.Text;
using Das.Testing;

namespace Das.Web.Tests.Images;

public sealed class ImageProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A FITS file's first bytes: a primary header with no data (2880 bytes of cards).</summary>
    private static readonly byte[] Fits = Encoding.ASCII.GetBytes(
        string.Concat(new[] { "SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0", "END" }.Select(c => c.PadRight(80))).PadRight(2880));

    /// <summary>An SIA 2 answer listing images by access URL (ObsCore columns).</summary>
    private static string Images(params string[] urls) =>
        "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>" +
        "<FIELD name=\"obs_id\" datatype=\"char\" arraysize=\"*\"/><FIELD name=\"access_url\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.ref.url\"/>" +
        "<FIELD name=\"access_format\" datatype=\"char\" arraysize=\"*\" ucd=\"meta.code.mime\"/><DATA><TABLEDATA>" +
        string.Concat(urls.Select((u, i) => $"<TR><TD>img{i}</TD><TD>{System.Security.SecurityElement.Escape(u)}</TD><TD>image/fits</TD></TR>")) +
        "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    private static async Task<DasWebHost> AfterQueryAsync(params string[] paths)
    {
        var host = await DasWebHost.StartAsync(("img", "/img", "images", 10, null));
        host.Archive.Route("/img", FakeResponse.VoTable(Images([.. paths.Select(p => host.Archive.Url(p).AbsoluteUri)])));
        await host.Client.GetStringAsync("/api/query/stream?RA=334.02&DEC=-7.8988&CAT=0", Ct);
        return host;
    }

    private static string Proxy(DasWebHost host, string path) => "/api/image?url=" + Uri.EscapeDataString(host.Archive.Url(path).AbsoluteUri);

    [Fact]
    public async Task An_image_the_archive_listed_is_served_from_here_as_fits()
    {
        await using var host = await AfterQueryAsync("files/a.fits");
        host.Archive.Route("/files/a.fits", new FakeResponse { Body = Fits, ContentType = "application/octet-stream" });
        var response = await host.Client.GetAsync(Proxy(host, "files/a.fits"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fits", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Fits, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Single(host.Archive.RequestsTo("/files/a.fits"));
    }

    [Fact]
    public async Task A_url_no_answer_listed_is_refused_without_any_request()
    {
        await using var host = await AfterQueryAsync("files/a.fits");
        var response = await host.Client.GetAsync(Proxy(host, "files/other.fits"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("only images that a source listed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var elsewhere = await host.Client.GetAsync("/api/image?url=" + Uri.EscapeDataString("http://127.0.0.1:1/metadata"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        var notHttp = await host.Client.GetAsync("/api/image?url=" + Uri.EscapeDataString("file:///etc/passwd"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notHttp.StatusCode);
        Assert.Empty(host.Archive.RequestsTo("/files/other.fits"));
    }

    [Fact]
    public async Task An_html_page_instead_of_the_image_is_a_502_saying_so()
    {
        await using var host = await AfterQueryAsync("files/a.fits");
        host.Archive.Route("/files/a.fits", FakeResponse.Html("Maintenance"));
        var response = await host.Client.GetAsync(Proxy(host, "files/a.fits"), Ct);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("is not a FITS file", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_archive_error_is_a_502_with_its_status()
    {
        await using var host = await AfterQueryAsync("files/a.fits");
        host.Archive.Route("/files/a.fits", FakeResponse.WithStatus(404, "gone"));
        var response = await host.Client.GetAsync(Proxy(host, "files/a.fits"), Ct);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("HTTP 404", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_not_followed()
    {
        await using var host = await AfterQueryAsync("files/a.fits", "files/b.fits");
        // localhost is another host name than 127.0.0.1, though the same machine: the proxy goes by names.
        host.Archive.Route("/files/a.fits", FakeResponse.Redirect(host.Archive.Url("files/a2.fits").AbsoluteUri.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), 302));
        host.Archive.Route("/files/b.fits", FakeResponse.Redirect("/files/b2.fits", 302));
        host.Archive.Route("/files/b2.fits", new FakeResponse { Body = Fits, ContentType = "application/fits" });
        var away = await host.Client.GetAsync(Proxy(host, "files/a.fits"), Ct);
        Assert.Equal(HttpStatusCode.BadGateway, away.StatusCode);
        Assert.Contains("redirected the image to localhost", await away.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(host.Archive.RequestsTo("/files/a2.fits"));
        var same = await host.Client.GetAsync(Proxy(host, "files/b.fits"), Ct);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(Fits, await same.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task An_image_over_the_size_cap_is_refused()
    {
        await using var host = await AfterQueryAsync("files/big.fits");
        host.UseSetting("Das:Images:MaxMegabytes", "0.001");
        // The new factory is a new app: run the query there too.
        await host.Client.GetStringAsync("/api/query/stream?RA=334.02&DEC=-7.8988&CAT=0", Ct);
        host.Archive.Route("/files/big.fits", new FakeResponse { Body = Fits, ContentType = "application/fits" });
        var response = await host.Client.GetAsync(Proxy(host, "files/big.fits"), Ct);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Das:Images:MaxMegabytes", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
