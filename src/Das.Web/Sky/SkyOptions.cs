namespace Das.Web.Sky;

/// <summary>The sky view: configuration section <c>Das:Sky</c>.</summary>
public sealed record SkyOptions
{
    /// <summary>
    /// The HiPS surveys the page offers, the first shown by default. A relative URL is a HiPS this server serves from
    /// its web root (offered only when its <c>properties</c> file is there); an absolute http(s) URL is a public
    /// survey the browser loads itself, and its origin is added to the page's Content-Security-Policy. Default:
    /// the local survey at <c>hips/</c> alone.
    /// </summary>
    public IReadOnlyList<SurveyOption> Surveys { get; init; } = [];
}
