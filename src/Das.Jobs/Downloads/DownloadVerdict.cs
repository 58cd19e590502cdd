namespace Das.Jobs.Downloads;

/// <summary>The answer of an <see cref="IDownloadPolicy"/>: a scope, or a problem.</summary>
/// <param name="Scope">The access scope the file is stored under; null when refused.</param>
/// <param name="Problem">Why it is refused; null when allowed.</param>
public sealed record DownloadVerdict(string? Scope, string? Problem)
{
    /// <summary>Allowed, kept under <paramref name="scope"/>.</summary>
    public static DownloadVerdict Allow(string scope) => new(scope, null);

    /// <summary>Refused, with the reason.</summary>
    public static DownloadVerdict Refuse(string problem) => new(null, problem);
}
