namespace Das.Tables.Model;

/// <summary>A TIMESYS element (VOTable 1.4+): the time scale and origin of time columns.</summary>
public sealed record TimeSystem
{
    /// <summary>The <c>ID</c> attribute that FIELD <c>ref</c> points at.</summary>
    public required string Id { get; init; }
    /// <summary>The <c>timeorigin</c> attribute: a Julian date, MJD-origin or JD-origin.</summary>
    public string? TimeOrigin { get; init; }
    /// <summary>The <c>timescale</c> attribute: TT, TDB, UTC, TAI, ...</summary>
    public required string TimeScale { get; init; }
    /// <summary>The <c>refposition</c> attribute: TOPOCENTER, BARYCENTER, GEOCENTER, ...</summary>
    public required string RefPosition { get; init; }
}
