using Das.Jobs.Handlers;

namespace Das.Jobs.Downloads;

/// <summary>The policy without a catalogue: <see cref="DownloadOptions.AllowedHosts"/>, or any host when <see cref="DownloadOptions.AllowAnyHost"/>. Scope "public".</summary>
internal sealed class ConfiguredDownloadPolicy(DownloadOptions options) : IDownloadPolicy
{
    public ValueTask<DownloadVerdict> CheckAsync(Uri url, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (options.AllowAnyHost || options.AllowedHosts.Any(h => string.Equals(h, url.Host, StringComparison.OrdinalIgnoreCase)))
        {
            return ValueTask.FromResult(DownloadVerdict.Allow("public"));
        }
        return ValueTask.FromResult(DownloadVerdict.Refuse(url.Host + " is not a configured source's host nor in Das:Downloads:AllowedHosts"));
    }
}
