namespace Das.Vo.Vosi;

/// <summary>An interface of a capability: how to call it.</summary>
public sealed record VosiInterface
{
    /// <summary>The xsi:type, e.g. vs:ParamHTTP.</summary>
    public string? Type { get; init; }
    /// <summary>The role attribute ("std" for the standard interface).</summary>
    public string? Role { get; init; }
    /// <summary>The version attribute.</summary>
    public string? Version { get; init; }
    /// <summary>The accessURL values.</summary>
    public IReadOnlyList<string> AccessUrls { get; init; } = [];
}
