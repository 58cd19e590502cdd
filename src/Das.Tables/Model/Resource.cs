namespace Das.Tables.Model;

/// <summary>A RESOURCE: tables, metadata and nested resources (type "results" or "meta").</summary>
public sealed record Resource
{
    /// <summary>The <c>name</c> attribute.</summary>
    public string? Name { get; init; }
    /// <summary>The <c>ID</c> attribute.</summary>
    public string? Id { get; init; }
    /// <summary>The <c>type</c> attribute: "results" (the default) or "meta" (e.g. a DataLink service descriptor).</summary>
    public string Type { get; init; } = "results";
    /// <summary>The <c>utype</c> attribute.</summary>
    public string? Utype { get; init; }
    /// <summary>The DESCRIPTION element's text.</summary>
    public string? Description { get; init; }
    /// <summary>INFOs in the RESOURCE, before and after its tables (DALI puts QUERY_STATUS here).</summary>
    public IReadOnlyList<Info> Infos { get; init; } = [];
    /// <summary>PARAMs of the RESOURCE.</summary>
    public IReadOnlyList<Param> Params { get; init; } = [];
    /// <summary>COOSYS elements declared in the RESOURCE.</summary>
    public IReadOnlyList<CoordinateSystem> CoordinateSystems { get; init; } = [];
    /// <summary>TIMESYS elements declared in the RESOURCE.</summary>
    public IReadOnlyList<TimeSystem> TimeSystems { get; init; } = [];
    /// <summary>GROUPs of the RESOURCE.</summary>
    public IReadOnlyList<Group> Groups { get; init; } = [];
    /// <summary>LINKs of the RESOURCE.</summary>
    public IReadOnlyList<Link> Links { get; init; } = [];
    /// <summary>The tables, in document order.</summary>
    public IReadOnlyList<Table> Tables { get; init; } = [];
    /// <summary>Nested resources.</summary>
    public IReadOnlyList<Resource> Resources { get; init; } = [];
}
