namespace Das.Tables.Writers.Json;

/// <summary>Options of <see cref="TableJsonWriter"/>.</summary>
public sealed record TableJsonOptions
{
    /// <summary>The options used when none are given.</summary>
    public static readonly TableJsonOptions Default = new();

    /// <summary>Write <c>long</c> cells as decimal strings.</summary>
    /// <value>Default true: JavaScript numbers hold integers exactly only up to 2^53, and Gaia source ids are larger.</value>
    public bool LongsAsStrings { get; init; } = true;

    /// <summary>Indent the output (for people; the API does not).</summary>
    /// <value>Default false.</value>
    public bool Indented { get; init; }

    /// <summary>Write at most this many rows of each table and set <c>truncated</c> when rows are left out.</summary>
    /// <value>Default null: every row.</value>
    public int? MaxRows { get; init; }
}
