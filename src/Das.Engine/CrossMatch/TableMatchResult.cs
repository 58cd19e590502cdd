using Das.Sky.CrossMatch;
using Das.Tables.Model;

namespace Das.Engine.CrossMatch;

/// <summary>The outcome of matching table A against one catalogue: the pairs and the joined table, or why not.</summary>
public sealed record TableMatchResult
{
    /// <summary>The row pairs, or null when the match could not run.</summary>
    public CrossMatchResult? Pairs { get; init; }

    /// <summary>The joined table (A's columns, B's columns, <c>separation</c>), or null when not built or failed.</summary>
    public Table? Joined { get; init; }

    /// <summary>One sentence saying why the match could not run, or null on success.</summary>
    public string? Failure { get; init; }

    /// <summary>What was done to the inputs before matching (epoch propagation), one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when the match ran.</summary>
    public bool Succeeded => Failure is null;

    internal static TableMatchResult Failed(string reason) => new() { Failure = reason };
}
