using Das.Jobs.Handlers;

namespace Das.Jobs.Downloads;

/// <summary>
/// Decides whether the server may fetch a URL for a caller, and under which access scope the file is kept
/// ("public", or "group:NAME" when it comes from a restricted source). The web app's policy allows the configured
/// sources' hosts the caller may see, plus <see cref="DownloadOptions.AllowedHosts"/>.
/// </summary>
public interface IDownloadPolicy
{
    /// <summary>The scope to keep the file under, or a problem saying why the URL may not be fetched.</summary>
    ValueTask<DownloadVerdict> CheckAsync(Uri url, JobContext context, CancellationToken cancellationToken);
}
