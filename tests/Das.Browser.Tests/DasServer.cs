using System.Net;
using System.Text.Json;
using Das.Testing;
using Das.Vo.NameResolution;
using Das.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Das.Browser.Tests;

/// <summary>
/// The real Das.Web on Kestrel at 127.0.0.1 (a browser needs a socket; WebApplicationFactory's server has none), with
/// the page built into src/Das.Web/wwwroot, the test HiPS from Fixtures/web served at /hips/, a catalogue of fake
/// archives on another loopback port, and name resolution pointed at a fake Sesame.
/// </summary>
internal sealed class DasServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _catalogue;

    private readonly string _surveyCopy;
    private readonly string _dataDirectory;

    private DasServer(WebApplication app, FakeVoServer archive, string catalogue, string surveyCopy, string dataDirectory, Uri baseUri)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Archive = archive;
        _catalogue = catalogue;
        _surveyCopy = surveyCopy;
        BaseUri = baseUri;
    }

    /// <summary>The page's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; }

    /// <summary>The fake archives every source of the catalogue points at.</summary>
    public FakeVoServer Archive { get; }

    /// <summary>The repository's src/Das.Web (content root: wwwroot and appsettings.json).</summary>
    public static string WebProjectDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Das.slnx")))
                {
                    return Path.Combine(dir.FullName, "src", "Das.Web");
                }
            }
            throw new InvalidOperationException($"no Das.slnx above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>
    /// Starts the archive and the app with these sources (written as a replacing catalogue file) and any further
    /// <paramref name="settings"/>; jobs, downloads and built HiPS live in a temporary data directory.
    /// </summary>
    public static async Task<DasServer> StartAsync(IEnumerable<SourceEntry> sources, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var webRoot = Path.Combine(WebProjectDirectory, "wwwroot");
        if (!File.Exists(Path.Combine(webRoot, "index.html")))
        {
            throw new InvalidOperationException($"{webRoot}/index.html is missing: build src/Das.Web (its ClientApp.targets builds the page)");
        }
        var archive = await FakeVoServer.StartAsync(cancellationToken);
        var catalogue = Path.Combine(Path.GetTempPath(), $"das-browser-{Guid.NewGuid():N}.json");
        var entries = sources.Select(s => new Dictionary<string, object?>
        {
            ["id"] = s.Id,
            ["title"] = s.Title,
            ["kind"] = s.Kind,
            ["protocol"] = s.Protocol,
            ["table"] = s.Table,
            ["endpoint"] = archive.Url(s.Path.TrimStart('/')).AbsoluteUri,
            ["budgetSeconds"] = s.BudgetSeconds,
            ["cacheHours"] = s.CacheHours,
            ["default"] = s.IsDefault,
            ["maxRows"] = s.MaxRows,
            ["coverage"] = s.DecBand is { } band ? new { decMin = band.Min, decMax = band.Max } : null,
        });
        await File.WriteAllTextAsync(catalogue, JsonSerializer.Serialize(new { mode = "replace", sources = entries }), cancellationToken);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = WebProjectDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        // Nothing from appsettings.json: it lists public CDS surveys, and the tests' page must stay on 127.0.0.1.
        foreach (var json in builder.Configuration.Sources.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationSource>().ToList())
        {
            builder.Configuration.Sources.Remove(json);
        }
        builder.Configuration["Das:Sources"] = catalogue;
        var dataDirectory = Directory.CreateTempSubdirectory("das-browser-data-").FullName;
        builder.Configuration["Das:Jobs:DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }
        // Local surveys only: the test HiPS, a copy of it under another name (to switch to), and one that is not served.
        string[][] surveys = [["local", "Local test HiPS", "hips/"], ["copy", "Copy of the test HiPS", "hips-copy/"], ["absent", "Not served", "absent-hips/"]];
        for (int i = 0; i < surveys.Length; i++)
        {
            builder.Configuration[$"Das:Sky:Surveys:{i}:Id"] = surveys[i][0];
            builder.Configuration[$"Das:Sky:Surveys:{i}:Name"] = surveys[i][1];
            builder.Configuration[$"Das:Sky:Surveys:{i}:Url"] = surveys[i][2];
        }
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.AddDasWeb();
        builder.Services.AddSingleton(new NameResolverServices
        {
            Sesame = archive.Url("sesame/nph-sesame/"),
            SesameMirrors = [],
            SimbadTap = null,
            SimbadTapMirrors = [],
        });
        var app = builder.Build();
        // The test HiPS lives beside the tests, not in the built page: serve Fixtures/web on top of wwwroot.
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "web");
        var surveyCopy = Directory.CreateTempSubdirectory("das-hips-copy-").FullName;
        CopyDirectory(Path.Combine(fixtures, "hips"), Path.Combine(surveyCopy, "hips-copy"));
        app.Environment.WebRootFileProvider = new CompositeFileProvider(app.Environment.WebRootFileProvider, new PhysicalFileProvider(fixtures),
            new PhysicalFileProvider(surveyCopy));
        app.UseDasWeb();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address");
        return new DasServer(app, archive, catalogue, surveyCopy, dataDirectory, new Uri(address.TrimEnd('/') + "/"));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The page's absolute URL for a path and query, e.g. "?RA=334.02&amp;DEC=-7.8988".</summary>
    public string Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery).AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await Archive.DisposeAsync();
        File.Delete(_catalogue);
        Directory.Delete(_surveyCopy, recursive: true);
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

/// <summary>
/// One fake archive source: a service (SCS unless <paramref name="Protocol"/> says otherwise: sia2, vizier with its
/// <paramref name="Table"/>) at <paramref name="Path"/> on the fake archive. Answers are not cached unless
/// <paramref name="CacheHours"/> says so; <paramref name="DecBand"/> limits its coverage to a declination band.
/// </summary>
internal sealed record SourceEntry(string Id, string Title, string Path, string Kind = "catalogue", double BudgetSeconds = 20,
    bool IsDefault = true, int MaxRows = 2000, double CacheHours = 0, (double Min, double Max)? DecBand = null,
    string Protocol = "scs", string? Table = null);
