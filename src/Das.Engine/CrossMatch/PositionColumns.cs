using System.Globalization;
using Das.Sky.CrossMatch;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Engine.CrossMatch;

/// <summary>The RA and Dec columns of a table that a cross-match reads, and their values in degrees.</summary>
/// <param name="Ra">The right-ascension column.</param>
/// <param name="Dec">The declination column.</param>
public sealed record PositionColumns(Column Ra, Column Dec)
{
    // Names tried when no column carries the UCDs: the usual spellings in VizieR, Gaia and plain CSV files.
    private static readonly string[] RaNames = ["ra", "RAJ2000", "RA_ICRS", "ra_deg", "RAdeg"];
    private static readonly string[] DecNames = ["dec", "DEJ2000", "DE_ICRS", "dec_deg", "DEdeg"];

    /// <summary>
    /// Finds the position columns: by UCD <c>pos.eq.ra</c>/<c>pos.eq.dec</c> (those marked <c>meta.main</c> first),
    /// else by name (ra/dec, RAJ2000/DEJ2000, RA_ICRS/DE_ICRS …); null when either is missing or not a number.
    /// </summary>
    public static PositionColumns? Find(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        // By UCD, but never a motion or an error on a position (pos.pm;pos.eq.ra, stat.error;pos.eq.ra).
        var ra = Usable(Position(table, "pos.eq.ra")) ?? RaNames.Select(n => Usable(table.FindColumn(n))).FirstOrDefault(c => c is not null);
        var dec = Usable(Position(table, "pos.eq.dec")) ?? DecNames.Select(n => Usable(table.FindColumn(n))).FirstOrDefault(c => c is not null);
        return ra is null || dec is null ? null : new PositionColumns(ra, dec);
    }

    /// <summary>RA values in degrees; null cells and unreadable text become NaN (such rows match nothing).</summary>
    public double[] RaDegrees() => Degrees(Ra);

    /// <summary>
    /// The positions for the matcher: double columns in degrees are read in place from their chunks (no copy: a
    /// streamed 10^6-row catalogue then costs no second 16 MB); anything else is converted as by <see cref="RaDegrees"/>.
    /// </summary>
    public SkyPositions Positions() =>
        Ra is ScalarColumn<double> ra && Dec is ScalarColumn<double> dec && !IsRadians(Ra) && !IsRadians(Dec) &&
        SkyPositions.FromChunks(ra.Chunks(), dec.Chunks()) is { } inPlace
            ? inPlace
            : SkyPositions.FromArrays(RaDegrees(), DecDegrees());

    private static bool IsRadians(Column column) => string.Equals(column.Field.Unit, "rad", StringComparison.OrdinalIgnoreCase);

    /// <summary>Dec values in degrees; null cells and unreadable text become NaN (such rows match nothing).</summary>
    public double[] DecDegrees() => Degrees(Dec);

    private static Column? Position(Table table, string ucd) => MotionColumns.ByUcd(table, ucd, null, exclude: "pos.pm");

    private static Column? Usable(Column? column) => column switch
    {
        null => null,
        StringColumn => column, // CSV text that did not parse as numbers everywhere: read cell by cell
        _ when column.Field.IsScalar && column.Field.DataType is not (VoDataType.Boolean or VoDataType.Bit or VoDataType.FloatComplex or VoDataType.DoubleComplex) => column,
        _ => null,
    };

    private static double[] Degrees(Column column)
    {
        var values = new double[column.Count];
        switch (column)
        {
            case ScalarColumn<double> doubles:
                // The fast path for catalogues: null cells already hold NaN.
                doubles.CopyTo(0, values);
                break;
            case StringColumn text:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = double.TryParse(text.GetChars(i), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
                }
                break;
            default:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = column.GetValue(i) is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : double.NaN;
                }
                break;
        }
        // Radians are the one other unit seen for positions in practice; anything else is taken as degrees.
        if (IsRadians(column))
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] *= 180.0 / Math.PI;
            }
        }
        return values;
    }
}
