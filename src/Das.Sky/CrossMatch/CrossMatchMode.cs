namespace Das.Sky.CrossMatch;

/// <summary>Which pairs a positional cross-match keeps, named after STILTS <c>tmatch2 find=</c>.</summary>
public enum CrossMatchMode
{
    /// <summary>Each row of A with its nearest row of B within the radius (STILTS <c>find=best1</c>); a B row may serve several A rows.</summary>
    Best,

    /// <summary>Every pair within the radius (STILTS <c>find=all</c>).</summary>
    All,

    /// <summary>
    /// Each row of either table in at most one pair, chosen symmetrically (STILTS <c>find=best</c>): each B row keeps
    /// its nearest A row, then each A row keeps the nearest of the B rows that kept it. Every mutually nearest pair
    /// is among them.
    /// </summary>
    BestSymmetric,
}
