using System.Text.Json;
using Das.Testing;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Das.Web.Tests;

/// <summary>Das.Web in process, with a catalogue of fake archives on loopback in place of the real ones.</summary>
internal sealed class DasWebHost : IAsyncDisposable
{
    private readonly string _catalogue = Path.Combine(Path.GetTempPath(), $"das-web-{Guid.NewGuid():N}.json");
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"das-web-data-{Guid.NewGuid():N}");

    private DasWebHost(FakeVoServer archive, WebApplicationFactory<Program> factory)
    {
        Archive = archive;
        Factory = factory;
    }

    public FakeVoServer Archive { get; }

    public WebApplicationFactory<Program> Factory { get; private set; }

    public HttpClient Client => Factory.CreateClient();

    private readonly List<WebApplicationFactory<Program>> _replaced = [];

    /// <summary>Restarts the app with one more setting (a new app: nothing it kept carries over).</summary>
    public void UseSetting(string key, string value)
    {
        _replaced.Add(Factory);
        Factory = Factory.WithWebHostBuilder(b => b.UseSetting(key, value));
    }

    /// <summary>Starts the app with sources (id, path on the fake archive, kind, budget seconds, access group).</summary>
    public static async Task<DasWebHost> StartAsync(params (string Id, string Path, string Kind, double Budget, string? Group)[] sources)
    {
        var archive = await FakeVoServer.StartAsync(TestContext.Current.CancellationToken);
        var host = new DasWebHost(archive, null!);
        var entries = sources.Select(s => new Dictionary<string, object?>
        {
            ["id"] = s.Id,
            ["title"] = "Archive " + s.Id,
            ["kind"] = s.Kind,
            ["protocol"] = s.Kind == "images" ? "sia2" : "scs",
            ["endpoint"] = archive.Url(s.Path.TrimStart('/')).AbsoluteUri,
            ["budgetSeconds"] = s.Budget,
            ["group"] = s.Group,
        });
        await File.WriteAllTextAsync(host._catalogue, JsonSerializer.Serialize(new { mode = "replace", sources = entries }), TestContext.Current.CancellationToken);
        host.Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Das:Sources", host._catalogue);
            b.UseSetting("Das:Jobs:DataDirectory", host._data);
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, TestUserFilter>());
        });
        return host;
    }

    public static string Table(int rows) =>
        "<VOTABLE version=\"1.4\" xmlns=\"http://www.ivoa.net/xml/VOTable/v1.3\"><RESOURCE type=\"results\"><INFO name=\"QUERY_STATUS\" value=\"OK\"/><TABLE>" +
        "<FIELD name=\"id\" datatype=\"long\"/><FIELD name=\"ra\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.ra;meta.main\"/>" +
        "<FIELD name=\"dec\" datatype=\"double\" unit=\"deg\" ucd=\"pos.eq.dec;meta.main\"/><DATA><TABLEDATA>" +
        string.Concat(Enumerable.Range(1, rows).Select(i => $"<TR><TD>{i}</TD><TD>334.02</TD><TD>-7.8988</TD></TR>")) +
        "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>";

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        foreach (var factory in _replaced)
        {
            await factory.DisposeAsync();
        }
        await Archive.DisposeAsync();
        File.Delete(_catalogue);
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    /// <summary>The data directory of this app (jobs.db, jobs/, downloads/).</summary>
    public string DataDirectory => _data;

    /// <summary>
    /// Tests sign in by header: "X-Test-User: NAME" (and "X-Test-Groups: a,b") make the request authenticated as
    /// that user. Only this test host has it; the app itself has no such door.
    /// </summary>
    private sealed class TestUserFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers["X-Test-User"].ToString() is { Length: > 0 } user)
                {
                    var claims = new List<Claim> { new(ClaimTypes.Name, user) };
                    claims.AddRange(context.Request.Headers["X-Test-Groups"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(g => new Claim("group", g)));
                    context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
