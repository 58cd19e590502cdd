namespace Das.Web.Sky;

/// <summary>One HiPS survey of the sky view's selector.</summary>
public sealed record SurveyOption
{
    /// <summary>A short unique id, e.g. <c>dss2</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The name in the selector, e.g. "DSS2 colour".</summary>
    public string Name { get; init; } = "";

    /// <summary>The HiPS base URL: relative (served here, e.g. <c>hips/</c>) or absolute http(s).</summary>
    public string Url { get; init; } = "";
}
