namespace Das.Tables.Model;

/// <summary>An INFO element: a name/value pair with optional text, e.g. QUERY_STATUS.</summary>
public sealed record Info
{
    /// <summary>The <c>name</c> attribute.</summary>
    public required string Name { get; init; }
    /// <summary>The <c>value</c> attribute.</summary>
    public required string Value { get; init; }
    /// <summary>The element's text content (for QUERY_STATUS=ERROR, the service's message).</summary>
    public string? Content { get; init; }
    /// <summary>The <c>ID</c> attribute.</summary>
    public string? Id { get; init; }
    /// <summary>The <c>ucd</c> attribute.</summary>
    public string? Ucd { get; init; }
    /// <summary>The <c>utype</c> attribute.</summary>
    public string? Utype { get; init; }
    /// <summary>The <c>unit</c> attribute.</summary>
    public string? Unit { get; init; }
    /// <summary>The <c>xtype</c> attribute.</summary>
    public string? XType { get; init; }
    /// <summary>The <c>ref</c> attribute.</summary>
    public string? Ref { get; init; }
}
