using Das.Engine.Sources;

namespace Das.Engine.Access;

/// <summary>
/// Who is asking: the access groups the caller belongs to. A source with an <see cref="SourceDescriptor.AccessGroup"/>
/// runs only for members of that group, and its cached answers are keyed by that group, so they can never be served
/// to anyone outside it.
/// </summary>
public sealed record AccessContext
{
    /// <summary>An anonymous caller: public data only.</summary>
    public static AccessContext Anonymous { get; } = new();

    /// <summary>Who the caller is, for logs; null when anonymous.</summary>
    public string? User { get; init; }

    /// <summary>The caller's groups (case-sensitive names).</summary>
    public IReadOnlySet<string> Groups { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>A caller in these groups.</summary>
    public static AccessContext ForGroups(string? user, params string[] groups) =>
        new() { User = user, Groups = new HashSet<string>(groups, StringComparer.Ordinal) };

    /// <summary>True when the caller may see this source's data.</summary>
    public bool MaySee(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.AccessGroup is null || Groups.Contains(source.AccessGroup);
    }

    /// <summary>
    /// The scope an answer of this source is cached under: "public", or "group:NAME" for restricted data. Every
    /// member of the group sees the same data, so they share entries; nobody else can reach them, because the
    /// engine checks <see cref="MaySee"/> before it looks in the cache.
    /// </summary>
    public static string ScopeOf(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.AccessGroup is null ? "public" : "group:" + source.AccessGroup;
    }
}
