namespace Das.Tables.Model;

/// <summary>The VALUES element of a FIELD or PARAM: the in-band null value, limits and options.</summary>
public sealed record FieldValues
{
    /// <summary>The <c>null</c> attribute: the value that stands for "no value" (needed for integers in BINARY).</summary>
    public string? Null { get; init; }
    /// <summary>The MIN element's value.</summary>
    public string? Min { get; init; }
    /// <summary>True when the minimum is inclusive (the default).</summary>
    public bool MinInclusive { get; init; } = true;
    /// <summary>The MAX element's value.</summary>
    public string? Max { get; init; }
    /// <summary>True when the maximum is inclusive (the default).</summary>
    public bool MaxInclusive { get; init; } = true;
    /// <summary>OPTION elements as (name, value) pairs, nested options flattened in document order.</summary>
    public IReadOnlyList<KeyValuePair<string?, string>> Options { get; init; } = [];
    /// <summary>The <c>ref</c> attribute.</summary>
    public string? Ref { get; init; }
    /// <summary>The <c>ID</c> attribute.</summary>
    public string? Id { get; init; }
}
