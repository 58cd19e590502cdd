using Das.Vo.Http;

namespace Das.Vo.Adql;

/// <summary>
/// The standard cone query: rows of a table whose position lies within a circle, nearest first, with the
/// separation in degrees as an extra column. Every part is a checked identifier or a typed literal.
/// </summary>
public static class AdqlCone
{
    /// <summary>Name of the separation column the query adds (degrees).</summary>
    public const string DistanceColumn = "das_dist_deg";

    private const string Body =
        "DISTANCE(POINT('ICRS', {ra_col}, {dec_col}), POINT('ICRS', {ra}, {dec})) AS " + DistanceColumn +
        " FROM {table} WHERE 1 = CONTAINS(POINT('ICRS', {ra_col}, {dec_col}), CIRCLE('ICRS', {ra}, {dec}, {radius}))" +
        " ORDER BY " + DistanceColumn;

    private static readonly AdqlTemplate Template = AdqlTemplate.Parse("SELECT TOP {maxrec} {columns}, " + Body);

    // ADQL allows a bare * only alone in the select list; next to the distance column every column is t.*.
    private static readonly AdqlTemplate AllColumnsTemplate = AdqlTemplate.Parse(
        "SELECT TOP {maxrec} t.*, " + Body.Replace(" FROM {table} ", " FROM {table} AS t ", StringComparison.Ordinal));

    /// <summary>Builds the query.</summary>
    /// <param name="table">The table, e.g. <c>gaiadr3.gaia_source</c>.</param>
    /// <param name="columns">Columns to return; empty for all (<c>*</c>).</param>
    /// <param name="raColumn">The table's ICRS right ascension column (degrees).</param>
    /// <param name="decColumn">The table's ICRS declination column (degrees).</param>
    /// <param name="raDeg">Centre right ascension, degrees [0, 360).</param>
    /// <param name="decDeg">Centre declination, degrees [-90, 90].</param>
    /// <param name="radiusDeg">Radius, degrees (0, 180].</param>
    /// <param name="maxRecords">Row limit sent as TOP.</param>
    public static AdqlFragment Build(
        AdqlIdentifier table,
        IReadOnlyList<AdqlIdentifier> columns,
        AdqlIdentifier raColumn,
        AdqlIdentifier decColumn,
        double raDeg,
        double decDeg,
        double radiusDeg,
        long maxRecords)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(raColumn);
        ArgumentNullException.ThrowIfNull(decColumn);
        VoNumber.CheckPosition(raDeg, decDeg);
        VoNumber.CheckRadius(radiusDeg, "the radius");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecords);
        var values = new Dictionary<string, AdqlFragment>(StringComparer.Ordinal)
        {
            ["maxrec"] = AdqlLiteral.Whole(maxRecords),
            ["ra_col"] = raColumn.ToAdql(),
            ["dec_col"] = decColumn.ToAdql(),
            ["ra"] = AdqlLiteral.Number(raDeg),
            ["dec"] = AdqlLiteral.Number(decDeg),
            ["radius"] = AdqlLiteral.Number(radiusDeg),
            ["table"] = table.ToAdql(),
        };
        if (columns.Count == 0)
        {
            return AllColumnsTemplate.Render(values);
        }
        values["columns"] = new AdqlFragment(string.Join(", ", columns.Select(c => c.ToAdql().Text)));
        return Template.Render(values);
    }
}
