namespace Das.Sources.Catalog;

/// <summary>The catalogue could not be loaded: every problem found, each naming its entry.</summary>
public sealed class SourceCatalogException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SourceCatalogException(string origin, IReadOnlyList<string> problems)
        : base($"{origin}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")} in the source catalogue:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem, e.g. "gaia-dr3: budgetSeconds 0 must be above 0 and at most 600".</summary>
    public IReadOnlyList<string> Problems { get; }
}
