namespace Das.Sources.Catalog;

/// <summary>
/// A catalogue file: the embedded default list, or a user's <c>--config</c> file that extends it (entries with a new
/// id are added, entries with an existing id replace that entry, <c>"disabled": true</c> removes one) or replaces it.
/// </summary>
public sealed record SourceCatalogFile
{
    /// <summary>"extend" (default) or "replace".</summary>
    public string? Mode { get; init; }

    /// <summary>The entries.</summary>
    public IReadOnlyList<SourceDefinition> Sources { get; init; } = [];
}
