namespace Das.Engine.CrossMatch;

/// <summary>
/// Asks a cross-match to bring both tables' positions to one epoch first: a table with proper motions (UCD
/// <c>pos.pm;pos.eq.ra</c>/<c>pos.pm;pos.eq.dec</c>, or pmra/pmdec) and an epoch (an epoch column such as Gaia's
/// <c>ref_epoch</c>, or its COOSYS <c>epoch</c>) is moved to the target epoch; a table without motions stays.
/// </summary>
public sealed record EpochPropagation
{
    /// <summary>
    /// The epoch to move positions to, as a Julian year (2016.0 for J2016.0); null for the epoch of the other table
    /// (the one without proper motions, or A's when both have them).
    /// </summary>
    public double? TargetEpoch { get; init; }

    /// <summary>The epoch of A's positions when A has no epoch column (its COOSYS epoch, say), Julian year.</summary>
    public double? EpochA { get; init; }

    /// <summary>The epoch of B's positions when B has no epoch column, Julian year.</summary>
    public double? EpochB { get; init; }

    /// <summary>
    /// How far a remote or cone search for candidates reaches beyond the match radius so that moving stars are not
    /// missed before their positions are moved, arcsec: 10″ covers 0.5″/yr over 20 years.
    /// </summary>
    public double CandidateAllowanceArcsec { get; init; } = 10.0;
}
