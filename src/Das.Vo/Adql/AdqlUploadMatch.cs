using Das.Vo.Http;

namespace Das.Vo.Adql;

/// <summary>
/// The positional join of an uploaded list of positions with a table on the archive's side (a TAP upload
/// cross-match): every row of the table within a radius of an uploaded position, with the uploaded row number and
/// the distance. Every part is a checked identifier or a typed literal.
/// </summary>
public static class AdqlUploadMatch
{
    /// <summary>The name the upload goes under (TAP_UPLOAD.das_upload).</summary>
    public const string UploadName = "das_upload";

    /// <summary>The uploaded table's row-number column, returned first by the query.</summary>
    public const string RowColumn = "das_row";

    /// <summary>The uploaded RA column (ICRS degrees).</summary>
    public const string RaColumn = "das_ra";

    /// <summary>The uploaded Dec column (ICRS degrees).</summary>
    public const string DecColumn = "das_dec";

    /// <summary>The distance column the query adds (degrees).</summary>
    public const string DistanceColumn = "das_dist_deg";

    private static readonly AdqlTemplate Template = AdqlTemplate.Parse(
        "SELECT TOP {maxrec} u." + RowColumn + ", " +
        "DISTANCE(POINT('ICRS', {ra_col}, {dec_col}), POINT('ICRS', u." + RaColumn + ", u." + DecColumn + ")) AS " + DistanceColumn + ", {columns}" +
        " FROM TAP_UPLOAD." + UploadName + " AS u JOIN {table} AS t" +
        " ON 1 = CONTAINS(POINT('ICRS', {ra_col}, {dec_col}), CIRCLE('ICRS', u." + RaColumn + ", u." + DecColumn + ", {radius}))");

    /// <summary>Builds the query.</summary>
    /// <param name="table">The archive's table, e.g. <c>gaiadr3.gaia_source</c>.</param>
    /// <param name="columns">The table's columns to return; empty for all (<c>t.*</c>).</param>
    /// <param name="raColumn">The table's ICRS RA column (degrees).</param>
    /// <param name="decColumn">The table's ICRS Dec column (degrees).</param>
    /// <param name="radiusDeg">The match radius, degrees (0, 180].</param>
    /// <param name="maxRecords">Row limit sent as TOP.</param>
    public static AdqlFragment Build(AdqlIdentifier table, IReadOnlyList<AdqlIdentifier> columns, AdqlIdentifier raColumn, AdqlIdentifier decColumn,
        double radiusDeg, long maxRecords)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(raColumn);
        ArgumentNullException.ThrowIfNull(decColumn);
        VoNumber.CheckRadius(radiusDeg, "the radius");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        if (raColumn.Parts.Count != 1 || decColumn.Parts.Count != 1)
        {
            throw new ArgumentException("the position columns must be plain column names");
        }
        return Template.Render(new Dictionary<string, AdqlFragment>(StringComparer.Ordinal)
        {
            ["maxrec"] = AdqlLiteral.Whole(maxRecords),
            ["ra_col"] = new AdqlFragment("t." + raColumn.ToAdql().Text),
            ["dec_col"] = new AdqlFragment("t." + decColumn.ToAdql().Text),
            ["radius"] = AdqlLiteral.Number(radiusDeg),
            ["table"] = table.ToAdql(),
            ["columns"] = new AdqlFragment(columns.Count == 0 ? "t.*" : string.Join(", ", columns.Select(c => "t." + c.ToAdql().Text))),
        });
    }
}
