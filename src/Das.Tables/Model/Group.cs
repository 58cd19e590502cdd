namespace Das.Tables.Model;

/// <summary>A GROUP element: related FIELDs and PARAMs (by reference) and nested groups.</summary>
public sealed record Group
{
    /// <summary>The <c>name</c> attribute.</summary>
    public string? Name { get; init; }
    /// <summary>The <c>ID</c> attribute.</summary>
    public string? Id { get; init; }
    /// <summary>The <c>ucd</c> attribute.</summary>
    public string? Ucd { get; init; }
    /// <summary>The <c>utype</c> attribute.</summary>
    public string? Utype { get; init; }
    /// <summary>The <c>ref</c> attribute.</summary>
    public string? Ref { get; init; }
    /// <summary>The DESCRIPTION element's text.</summary>
    public string? Description { get; init; }
    /// <summary>FIELDref <c>ref</c> values, in order.</summary>
    public IReadOnlyList<string> FieldRefs { get; init; } = [];
    /// <summary>PARAMref <c>ref</c> values, in order.</summary>
    public IReadOnlyList<string> ParamRefs { get; init; } = [];
    /// <summary>PARAMs declared inside the group.</summary>
    public IReadOnlyList<Param> Params { get; init; } = [];
    /// <summary>Nested groups.</summary>
    public IReadOnlyList<Group> Groups { get; init; } = [];
}
