namespace Das.Vo.NameResolution;

/// <summary>Sesame's whole answer for one name: one entry per database that was asked, in the order Sesame gave.</summary>
public sealed record SesameResult
{
    /// <summary>The name as Sesame echoed it.</summary>
    public required string Name { get; init; }
    /// <summary>Each database's answer.</summary>
    public IReadOnlyList<SesameResolverAnswer> Answers { get; init; } = [];
    /// <summary>Target-level INFO/ERROR messages.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>The first answer with a position (Sesame asks the databases in the order requested), or null: the name is unknown.</summary>
    public SesameResolverAnswer? Best => Answers.FirstOrDefault(a => a.HasPosition);
}
