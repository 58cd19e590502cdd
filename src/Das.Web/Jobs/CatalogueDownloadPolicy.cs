using Das.Engine.Access;
using Das.Jobs.Downloads;
using Das.Jobs.Handlers;
using Das.Sources.Catalog;

namespace Das.Web.Jobs;

/// <summary>
/// The server downloads only from the hosts of sources the caller may query (their answers link the images), plus
/// <see cref="DownloadOptions.AllowedHosts"/> (archives whose files live on another host than their query
/// endpoint), so it never becomes an open proxy. A file from a restricted source's host is kept under that
/// source's group scope, so other groups never get it from the store.
/// </summary>
internal sealed class CatalogueDownloadPolicy(SourceCatalog catalog, DownloadOptions options) : IDownloadPolicy
{
    public ValueTask<DownloadVerdict> CheckAsync(Uri url, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(context);
        var access = AccessContext.ForGroups(null, [.. context.Groups]);
        var matching = catalog.Sources.Select(s => s.Descriptor)
            .Where(d => string.Equals(HostOf(d.Host), url.Host, StringComparison.OrdinalIgnoreCase) && access.MaySee(d))
            .ToList();
        if (matching.Count > 0)
        {
            var restricted = matching.Where(d => d.AccessGroup is not null).Select(AccessContext.ScopeOf).Order(StringComparer.Ordinal).FirstOrDefault();
            return ValueTask.FromResult(DownloadVerdict.Allow(restricted ?? "public"));
        }
        if (options.AllowedHosts.Any(h => string.Equals(h, url.Host, StringComparison.OrdinalIgnoreCase)))
        {
            return ValueTask.FromResult(DownloadVerdict.Allow("public"));
        }
        return ValueTask.FromResult(DownloadVerdict.Refuse(url.Host + " is not a configured source's host nor in Das:Downloads:AllowedHosts"));
    }

    private static string HostOf(string authority) => Uri.TryCreate("http://" + authority, UriKind.Absolute, out var u) ? u.Host : authority;
}
