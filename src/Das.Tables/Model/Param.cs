namespace Das.Tables.Model;

/// <summary>A PARAM: a constant with the metadata of a FIELD and a value, as written in the document.</summary>
public sealed record Param : Field
{
    /// <summary>The <c>value</c> attribute, verbatim.</summary>
    public required string Value { get; init; }
}
