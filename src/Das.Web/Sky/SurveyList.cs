using Microsoft.Extensions.FileProviders;

namespace Das.Web.Sky;

/// <summary>
/// The surveys the page offers (<c>GET /api/surveys</c>), checked at start-up: every bad entry is reported at once.
/// Local surveys (relative URLs) are offered only when the web root holds their <c>properties</c> file, so a fresh
/// install without a local HiPS opens on the first public survey instead of an empty sky.
/// </summary>
public sealed class SurveyList
{
    private static readonly SurveyOption LocalDefault = new() { Id = "local", Name = "Local HiPS", Url = "hips/" };

    private readonly IReadOnlyList<SurveyOption> _configured;

    /// <summary>Checks the configured surveys; throws with every problem listed when any entry is bad.</summary>
    public SurveyList(SkyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _configured = options.Surveys.Count > 0 ? options.Surveys : [LocalDefault];
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < _configured.Count; i++)
        {
            var s = _configured[i];
            var where = $"Das:Sky:Surveys:{i}";
            if (string.IsNullOrWhiteSpace(s.Id) || !s.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                problems.Add($"{where}: Id '{s.Id}' must be letters, digits, '.', '_' or '-'");
            }
            else if (!ids.Add(s.Id))
            {
                problems.Add($"{where}: Id '{s.Id}' is used twice");
            }
            if (string.IsNullOrWhiteSpace(s.Name))
            {
                problems.Add($"{where}: give the survey a Name");
            }
            if (Origin(s.Url) is null && !IsLocal(s.Url))
            {
                problems.Add($"{where}: Url '{s.Url}' must be a path served here (hips/) or an absolute http(s) URL");
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("the sky surveys are misconfigured: " + string.Join("; ", problems));
        }
    }

    /// <summary>Origins (scheme://host[:port]) of the public surveys, for the Content-Security-Policy.</summary>
    public IReadOnlyList<string> RemoteOrigins => [.. _configured.Select(s => Origin(s.Url)).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>The surveys to offer: public ones, and local ones whose properties file the web root holds.</summary>
    public IReadOnlyList<SurveyOption> Available(IFileProvider webRoot)
    {
        ArgumentNullException.ThrowIfNull(webRoot);
        return [.. _configured.Where(s => !IsLocal(s.Url) || webRoot.GetFileInfo(s.Url.TrimEnd('/') + "/properties").Exists)];
    }

    private static bool IsLocal(string url) =>
        !string.IsNullOrWhiteSpace(url) && !url.StartsWith('/') && !url.Contains("//", StringComparison.Ordinal)
        && !url.Contains(':', StringComparison.Ordinal) && !url.Contains("..", StringComparison.Ordinal);

    private static string? Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
