namespace Das.Engine.CrossMatch;

/// <summary>Positions to cross-match on the archive's side.</summary>
/// <param name="Positions">A VOTable (TABLEDATA) with columns <c>das_row</c> (int), <c>das_ra</c>, <c>das_dec</c> (ICRS degrees).</param>
/// <param name="RowCount">Rows in the upload.</param>
/// <param name="RadiusDeg">The search radius, degrees.</param>
/// <param name="MaxRows">The most rows the archive may return.</param>
public sealed record UploadMatch(ReadOnlyMemory<byte> Positions, int RowCount, double RadiusDeg, long MaxRows)
{
    /// <summary>The upload's row-number column, the answer's first column.</summary>
    public const string RowColumn = "das_row";

    /// <summary>The upload's RA column.</summary>
    public const string RaColumn = "das_ra";

    /// <summary>The upload's Dec column.</summary>
    public const string DecColumn = "das_dec";
}
