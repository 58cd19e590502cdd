using Das.Imaging;
using Das.Imaging.Hips;
using Das.Imaging.Tools;
using Das.Jobs;
using Das.Jobs.Imaging;
using Das.Jobs.Running;
using Das.Web.Api;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Das.Web.Hosting;

/// <summary>
/// Serves the HiPS that "hips" jobs built (the HiPS cache, <c>Das:Imaging:HipsDirectory</c>) to Aladin Lite at
/// <c>/hips-jobs/{key}/</c>: <c>properties</c> as text/plain, tiles and <c>Moc.fits</c> as application/fits,
/// PNG/JPEG tiles and Allsky by extension (ASP.NET's static files would answer 404 for the extensionless
/// <c>properties</c>). Only complete HiPS are served, and only to callers their scope allows (the job's owner, a
/// group's members, or everyone for public); anything else is 404, so keys cannot be probed.
/// </summary>
public static class HipsJobsFiles
{
    /// <summary>The URL prefix.</summary>
    public const string RequestPath = "/hips-jobs";

    /// <summary>The HiPS cache, for reading what was built and for whom.</summary>
    public static WebApplicationBuilder AddDasHipsJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var imaging = builder.Configuration.GetSection("Das:Imaging").Get<ImagingOptions>() ?? new ImagingOptions();
        var jobs = builder.Configuration.GetSection("Das:Jobs").Get<JobOptions>() ?? new JobOptions();
        var directory = ImagingJobsServiceCollectionExtensions.HipsDirectoryOf(imaging, jobs);
        builder.Services.AddKeyedSingleton(RequestPath, (sp, _) => new HipsCache(directory, new HipsBuilder(imaging.Tools, ToolRunner.System), TimeProvider.System));
        return builder;
    }

    /// <summary>The access check and the static files under <see cref="RequestPath"/>.</summary>
    public static WebApplication UseDasHipsJobs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cache = app.Services.GetRequiredKeyedService<HipsCache>(RequestPath);
        Directory.CreateDirectory(cache.Root);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(RequestPath), branch =>
        {
            branch.Use(async (context, next) =>
            {
                var rest = context.Request.Path.Value![RequestPath.Length..].TrimStart('/');
                var key = rest.Split('/', 2)[0];
                if (!rest.Contains('/', StringComparison.Ordinal) || cache.Find(key) is not { } entry || !MaySee(entry.Scope, context))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                cache.Touch(key);
                await next(context);
            });
            branch.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = RequestPath,
                FileProvider = new PhysicalFileProvider(cache.Root),
                ContentTypeProvider = new HipsTileTypes(),
                OnPrepareResponse = r => r.Context.Response.Headers.CacheControl = "private, max-age=3600",
            });
            // Inside the prefix nothing else answers: a file that is not there is 404, not the page.
            branch.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        return app;
    }

    private static bool MaySee(string scope, HttpContext context)
    {
        var access = QueryApi.Access(context.User);
        return scope switch
        {
            "public" => true,
            _ when scope.StartsWith("group:", StringComparison.Ordinal) => access.Groups.Contains(scope["group:".Length..]),
            _ when scope.StartsWith("owner:", StringComparison.Ordinal) => string.Equals(JobOwner.Of(access), scope["owner:".Length..], StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>Only what a HiPS viewer reads: properties, FITS, PNG and JPEG tiles (not Hipsgen's index.html or its HpxFinder index).</summary>
    private sealed class HipsTileTypes : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType)
        {
            var name = Path.GetFileName(subpath);
            contentType = name switch
            {
                "properties" => "text/plain",
                _ when name.EndsWith(".fits", StringComparison.OrdinalIgnoreCase) => "application/fits",
                _ when name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) => "image/png",
                _ when name.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) => "image/jpeg",
                _ => "",
            };
            return contentType.Length > 0 && !subpath.Contains("/HpxFinder/", StringComparison.Ordinal);
        }
    }
}
