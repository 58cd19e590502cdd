namespace Das.Tables.Model;

/// <summary>A LINK element: a URL attached to a FIELD, PARAM, TABLE or RESOURCE.</summary>
public sealed record Link
{
    /// <summary>The <c>href</c> attribute (may contain <c>${column}</c> placeholders on a FIELD link).</summary>
    public string? Href { get; init; }
    /// <summary>The <c>content-role</c> attribute (query, hints, doc, location, type).</summary>
    public string? ContentRole { get; init; }
    /// <summary>The <c>content-type</c> attribute (a MIME type).</summary>
    public string? ContentType { get; init; }
    /// <summary>The <c>title</c> attribute.</summary>
    public string? Title { get; init; }
    /// <summary>The <c>value</c> attribute.</summary>
    public string? Value { get; init; }
    /// <summary>The <c>ID</c> attribute.</summary>
    public string? Id { get; init; }
    /// <summary>The <c>action</c> attribute.</summary>
    public string? Action { get; init; }
}
