namespace Das.Tables.Model;

/// <summary>
/// A whole VOTable document: top-level metadata and its RESOURCEs. Also what Das writes when it bundles the
/// answers of many sources into one file (one RESOURCE per source).
/// </summary>
public sealed record VoTableDocument
{
    /// <summary>The <c>version</c> attribute (1.1 to 1.5 are read; 1.4 and 1.5 are written).</summary>
    public string Version { get; init; } = "1.4";
    /// <summary>The DESCRIPTION element's text.</summary>
    public string? Description { get; init; }
    /// <summary>INFOs at the top level (some services put QUERY_STATUS here).</summary>
    public IReadOnlyList<Info> Infos { get; init; } = [];
    /// <summary>Top-level PARAMs (from the deprecated DEFINITIONS too).</summary>
    public IReadOnlyList<Param> Params { get; init; } = [];
    /// <summary>Top-level COOSYS elements.</summary>
    public IReadOnlyList<CoordinateSystem> CoordinateSystems { get; init; } = [];
    /// <summary>Top-level TIMESYS elements.</summary>
    public IReadOnlyList<TimeSystem> TimeSystems { get; init; } = [];
    /// <summary>Top-level GROUPs.</summary>
    public IReadOnlyList<Group> Groups { get; init; } = [];
    /// <summary>The resources, in document order.</summary>
    public IReadOnlyList<Resource> Resources { get; init; } = [];

    /// <summary>Every table in document order, nested resources included.</summary>
    public IEnumerable<Table> AllTables() => Resources.SelectMany(AllTables);

    /// <summary>The first table of the first "results" resource (what a DAL query returns), or null.</summary>
    public Table? FirstResultsTable() =>
        FindResults(Resources) is { Tables.Count: > 0 } results ? results.Tables[0] : AllTables().FirstOrDefault();

    /// <summary>
    /// The QUERY_STATUS INFO wherever the service put it: in the results RESOURCE (before or after the TABLE,
    /// as DALI allows), in the TABLE, or at the top level. The last one in the results resource wins, because
    /// DALI lets a service append OVERFLOW or ERROR after the rows it streamed.
    /// </summary>
    public Info? QueryStatusInfo()
    {
        Info? found = null;
        foreach (var info in Infos)
        {
            if (IsQueryStatus(info))
            {
                found = info;
            }
        }
        var results = FindResults(Resources);
        if (results is not null)
        {
            foreach (var info in results.Infos.Concat(results.Tables.SelectMany(t => t.Infos)))
            {
                if (IsQueryStatus(info))
                {
                    found = info;
                }
            }
        }
        return found;
    }

    /// <summary>The QUERY_STATUS value as an enum (<see cref="QueryStatus.Absent"/> when none).</summary>
    public QueryStatus QueryStatus() => QueryStatusInfo()?.Value.Trim().ToUpperInvariant() switch
    {
        null => Model.QueryStatus.Absent,
        "OK" => Model.QueryStatus.Ok,
        "ERROR" => Model.QueryStatus.Error,
        "OVERFLOW" => Model.QueryStatus.Overflow,
        _ => Model.QueryStatus.Unknown,
    };

    private static bool IsQueryStatus(Info info) =>
        string.Equals(info.Name, "QUERY_STATUS", StringComparison.OrdinalIgnoreCase);

    private static Resource? FindResults(IEnumerable<Resource> resources)
    {
        foreach (var resource in resources)
        {
            if (string.Equals(resource.Type, "results", StringComparison.OrdinalIgnoreCase))
            {
                return resource;
            }
            if (FindResults(resource.Resources) is { } nested)
            {
                return nested;
            }
        }
        return null;
    }

    private static IEnumerable<Table> AllTables(Resource resource) =>
        resource.Tables.Concat(resource.Resources.SelectMany(AllTables));
}
