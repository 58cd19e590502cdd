using Das.Jobs.Uploads;
using Das.Jobs;
using Das.Jobs.Downloads;
using Das.Jobs.Hangfire;
using Das.Jobs.Imaging;
using Das.Sources;
using Das.Sources.Catalog;
using Das.Vo.NameResolution;
using Das.Web.Api;
using Das.Web.Hubs;
using Das.Web.Images;
using Das.Web.Jobs;
using Das.Web.Results;
using Das.Web.Sky;
using Das.Web.Xmatch;
using Microsoft.AspNetCore.StaticFiles;

namespace Das.Web.Hosting;

/// <summary>Everything Program.cs wires, one call per area.</summary>
public static class WebHostExtensions
{
    /// <summary>The engine, the catalogue (loaded and validated at start-up), the API and the hub.</summary>
    public static WebApplicationBuilder AddDasWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection("Das").Get<DasWebOptions>() ?? new DasWebOptions();
        SourceCatalogFile? user = null;
        if (options.Sources is { Length: > 0 } path)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                // A typo in the file name is the usual cause: say which file was looked for, not a stack trace.
                throw new SourceCatalogException(full, ["Das:Sources names a catalogue file that does not exist"]);
            }
            using var stream = File.OpenRead(full);
            user = SourceCatalogLoader.ReadFile(stream, full);
        }
        builder.Services.AddDasSources(user, options.Sources ?? "configuration", options.Engine);
        builder.Services.AddSingleton(NameResolverServices.Public);
        builder.Services.AddSingleton(options.Results);
        builder.Services.AddSingleton(options.Images);
        builder.Services.AddSingleton(new SurveyList(options.Sky));
        builder.Services.AddSingleton<RecentOutcomes>();
        builder.Services.AddSingleton<QueryService>();
        builder.Services.AddSingleton<XmatchResults>();
        builder.Services.AddHttpClient(ImageProxy.HttpClientName, client =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd(Das.Vo.Http.DasUserAgent.Science);
                client.Timeout = Timeout.InfiniteTimeSpan; // Das:Images:TimeoutSeconds is the limit
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Each redirect is checked by the proxy (same host, or the source's own host) before it is followed.
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(15),
            });
        builder.Services.AddDasJobs(options.Jobs);
        if (string.Equals(options.Jobs.Engine, "hangfire", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddDasJobsOnHangfire(options.Jobs);
        }
        var downloads = options.Downloads with { UserAgent = options.Downloads.UserAgent ?? Das.Vo.Http.DasUserAgent.Science, AllowAnyHost = false };
        builder.Services.AddSingleton<IDownloadPolicy>(sp => new CatalogueDownloadPolicy(sp.GetRequiredService<SourceCatalog>(), downloads));
        builder.Services.AddDasDownloads(downloads, options.Jobs);
        builder.Services.AddDasImagingJobs(options.Imaging, options.Jobs);
        if (options.Uploads.Problems() is { Count: > 0 } uploadProblems)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException("Das:Uploads", typeof(UploadOptions), uploadProblems);
        }
        builder.Services.AddSingleton(options.Uploads);
        builder.Services.AddSingleton<JobUploads>();
        builder.Services.AddSingleton<RedshiftService>();
        builder.Services.AddSignalR();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks();
        builder.AddDasHipsJobs();
        return builder;
    }

    /// <summary>Static files (the page, and HiPS/FITS with their types), the API, the hub, health and OpenAPI.</summary>
    public static WebApplication UseDasWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // A bad catalogue stops the app now, with every problem listed, rather than at the first query.
        app.Services.GetRequiredService<SourceCatalog>();
        app.UseContentSecurityPolicy(ContentSecurityPolicy.Build(app.Services.GetRequiredService<SurveyList>().RemoteOrigins));
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".fits"] = "application/fits";
        types.Mappings[".fz"] = "application/fits";
        types.Mappings[".vot"] = "application/x-votable+xml";
        app.UseDasHipsJobs();
        app.UseDefaultFiles();
        // HiPS directories hold an extensionless "properties" file; Aladin Lite falls back to remote servers when it 404s.
        app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = new HipsContentTypes(types) });
        app.MapQueryApi();
        app.MapXmatchApi();
        app.MapImageProxy();
        app.MapSkyApi();
        app.MapRedshiftApi();
        app.MapHub<QueryHub>("/hubs/query");
        app.MapJobsApi();
        app.MapJobUploadsApi();
        app.MapHub<JobsHub>("/hubs/jobs");
        app.MapHealthChecks("/health/live");
        app.MapHealthChecks("/health/ready");
        app.MapOpenApi();
        return app;
    }

    private sealed class HipsContentTypes(FileExtensionContentTypeProvider inner) : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType)
        {
            if (inner.TryGetContentType(subpath, out contentType!))
            {
                return true;
            }
            if (Path.GetFileName(subpath) is "properties" or "Moc.fits")
            {
                contentType = "text/plain";
                return true;
            }
            return false;
        }
    }
}
