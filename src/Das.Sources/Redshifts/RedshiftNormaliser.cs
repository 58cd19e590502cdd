using Das.Engine.CrossMatch;
using Das.Sky.Parsing;
using Das.Sky.Positions;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Sources.Redshifts;

/// <summary>
/// Turns one catalogue answer into rows of the <see cref="RedshiftTable"/>: every non-null redshift of every redshift
/// column, with its error, kind, object, position and distance from the search position (computed from the row's
/// position, or read from the answer's distance column when it has no position). Pure: tested on fixtures.
/// </summary>
internal static class RedshiftNormaliser
{
    /// <summary>Appends the answer's redshifts.</summary>
    /// <returns>The rows added, or -1 when the answer has no redshift column at all.</returns>
    public static int Append(Table answer, SkyPosition centre, RedshiftCatalogue catalogue, RedshiftRows rows)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(rows);
        var redshifts = RedshiftColumns.Redshifts(answer);
        if (redshifts.Count == 0)
        {
            return -1;
        }
        var positions = PositionColumns.Find(answer);
        var distance = RedshiftColumns.DistanceOf(answer);
        var objectColumn = RedshiftColumns.ObjectOf(answer);
        var reference = RedshiftColumns.ReferenceOf(answer);
        var rowKind = RedshiftColumns.RowKind(answer);
        int added = 0;
        int count = answer.RowCount;
        double[]? ras = positions?.RaDegrees();
        double[]? decs = positions?.DecDegrees();
        foreach (var column in redshifts)
        {
            var error = RedshiftColumns.ErrorOf(answer, column, redshifts.Count);
            var simbadError = RedshiftColumns.SimbadError(answer, column);
            var columnKind = RedshiftColumns.KindOf(column);
            var quality = RedshiftColumns.QualityOf(answer, column, redshifts);
            for (int row = 0; row < count; row++)
            {
                double z = RedshiftColumns.Number(column, row);
                if (!double.IsFinite(z))
                {
                    continue;
                }
                double ra = ras is null ? double.NaN : Coordinate(ras[row], positions!.Ra, row, isRa: true);
                double dec = decs is null ? double.NaN : Coordinate(decs[row], positions!.Dec, row, isRa: false);
                double separation = double.NaN;
                if (double.IsFinite(ra) && double.IsFinite(dec) && dec is >= -90 and <= 90)
                {
                    separation = centre.SeparationTo(new SkyPosition(((ra % 360) + 360) % 360, dec)).Arcseconds;
                }
                else if (distance is { } d)
                {
                    separation = RedshiftColumns.Number(d.Column, row) * d.ToArcsec;
                }
                var kind = rowKind?.Invoke(row) is { } k && k != RedshiftKind.Unknown ? k : columnKind;
                double zErr = simbadError?.Invoke(row) ?? RedshiftColumns.Number(error, row);
                rows.Add(separation, z, zErr, kind, RedshiftColumns.Text(objectColumn, row), ra, dec, catalogue, column.Name,
                    RedshiftColumns.Text(quality, row), RedshiftColumns.Text(reference, row));
                added++;
            }
        }
        return added;
    }

    // Degrees as read; text that is not a decimal number may be sexagesimal (VizieR's RAJ2000 "22 16 04.80").
    private static double Coordinate(double degrees, Column column, int row, bool isRa)
    {
        if (double.IsFinite(degrees) || column is not StringColumn text || text.IsNull(row))
        {
            return degrees;
        }
        var parsed = isRa ? AngleParser.ParseRa(text.GetChars(row)) : AngleParser.ParseDec(text.GetChars(row));
        return parsed.Success ? parsed.Angle.Degrees : double.NaN;
    }
}
