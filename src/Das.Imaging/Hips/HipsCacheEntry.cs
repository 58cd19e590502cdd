namespace Das.Imaging.Hips;

/// <summary>What <c>{key}.json</c> beside a cached HiPS records: the key, who may see it, its inputs and how it was built.</summary>
public sealed record HipsCacheEntry
{
    /// <summary>The cache key (the HiPS folder's name).</summary>
    public required string Key { get; init; }
    /// <summary>The access scope: <c>public</c> or <c>group:NAME</c>; the web host serves the HiPS to members of that group only.</summary>
    public required string Scope { get; init; }
    /// <summary>The input images.</summary>
    public required IReadOnlyList<HipsInputFile> Inputs { get; init; }
    /// <summary><c>obs_title</c>.</summary>
    public string? Title { get; init; }
    /// <summary><c>creator_did</c>.</summary>
    public string? CreatorDid { get; init; }
    /// <summary><c>hips_order</c>.</summary>
    public int? Order { get; init; }
    /// <summary>LINT's verdict.</summary>
    public HipsLintVerdict Lint { get; init; }
    /// <summary>LINT's warnings.</summary>
    public IReadOnlyList<string> LintWarnings { get; init; } = [];
    /// <summary>The Hipsgen command that ran.</summary>
    public string Command { get; init; } = "";
    /// <summary>Seconds Hipsgen took.</summary>
    public double ElapsedSeconds { get; init; }
    /// <summary>When it was built.</summary>
    public DateTimeOffset BuiltAt { get; init; }

    /// <summary>The entry as a build result.</summary>
    public HipsBuild ToBuild(string directory, bool fromCache) => new()
    {
        Directory = directory,
        Properties = HipsProperties.Read(Path.Combine(directory, "properties")),
        Lint = Lint,
        LintWarnings = LintWarnings,
        InputCount = Inputs.Count,
        Command = Command,
        Elapsed = TimeSpan.FromSeconds(ElapsedSeconds),
        Key = Key,
        FromCache = fromCache,
    };
}
