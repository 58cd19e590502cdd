using System.Globalization;
using Das.Sky.Positions;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Engine.CrossMatch;

/// <summary>
/// The proper-motion columns of a table (μα* and μδ) and, when it has one, its epoch column: what a cross-match needs
/// to move the table's positions to another epoch.
/// </summary>
/// <param name="PmRa">Proper motion in RA times cos(Dec): UCD <c>pos.pm;pos.eq.ra</c>, or named pmra/pmRA.</param>
/// <param name="PmDec">Proper motion in Dec: UCD <c>pos.pm;pos.eq.dec</c>, or named pmdec/pmDE.</param>
/// <param name="Epoch">The epoch of each row's position (UCD <c>time.epoch</c> or named ref_epoch/epoch), or null.</param>
public sealed record MotionColumns(Column PmRa, Column PmDec, Column? Epoch)
{
    private static readonly string[] PmRaNames = ["pmra", "pmRA", "pm_ra", "pmRAcosDE"];
    private static readonly string[] PmDecNames = ["pmdec", "pmDE", "pm_dec"];
    private static readonly string[] EpochNames = ["ref_epoch", "epoch", "Epoch"];

    /// <summary>Finds the motion columns by UCD, else by name; null when the table has no proper motions.</summary>
    public static MotionColumns? Find(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var pmra = Numeric(ByUcd(table, "pos.pm", "pos.eq.ra")) ?? PmRaNames.Select(n => Numeric(table.FindColumn(n))).FirstOrDefault(c => c is not null);
        var pmdec = Numeric(ByUcd(table, "pos.pm", "pos.eq.dec")) ?? PmDecNames.Select(n => Numeric(table.FindColumn(n))).FirstOrDefault(c => c is not null);
        if (pmra is null || pmdec is null)
        {
            return null;
        }
        var epoch = Numeric(ByUcd(table, "time.epoch", null)) ?? EpochNames.Select(n => Numeric(table.FindColumn(n))).FirstOrDefault(c => c is not null);
        return new MotionColumns(pmra, pmdec, epoch);
    }

    /// <summary>
    /// The epoch of a table's positions when it is one for the whole table: the <c>epoch</c> of the COOSYS its RA
    /// column refers to (or the document's only COOSYS with an epoch), as a Julian year; null when none is given.
    /// </summary>
    public static double? DocumentEpoch(VoTableDocument? document, Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (document is null)
        {
            return null;
        }
        var systems = document.CoordinateSystems.Concat(document.Resources.SelectMany(AllSystems)).ToList();
        var raRef = PositionColumns.Find(table)?.Ra.Field.Ref;
        var referred = raRef is null ? null : systems.Find(s => string.Equals(s.Id, raRef, StringComparison.Ordinal));
        if (referred is not null)
        {
            return ProperMotion.ParseEpoch(referred.Epoch);
        }
        var withEpoch = systems.Where(s => s.Epoch is not null).Select(s => ProperMotion.ParseEpoch(s.Epoch)).Distinct().ToList();
        return withEpoch.Count == 1 ? withEpoch[0] : null;
    }

    /// <summary>μα* in mas/yr (converted from arcsec/yr or deg/yr by unit); nulls are NaN.</summary>
    public double[] PmRaMasPerYear() => MasPerYear(PmRa);

    /// <summary>μδ in mas/yr; nulls are NaN.</summary>
    public double[] PmDecMasPerYear() => MasPerYear(PmDec);

    /// <summary>
    /// Each row's epoch as a Julian year: from the epoch column (years; MJD when its unit is d), else
    /// <paramref name="tableEpoch"/> for every row; null when neither is known.
    /// </summary>
    public double[]? Epochs(int rows, double? tableEpoch)
    {
        if (Epoch is null)
        {
            if (tableEpoch is not { } e)
            {
                return null;
            }
            var same = new double[rows];
            Array.Fill(same, e);
            return same;
        }
        var values = Values(Epoch);
        if (string.Equals(Epoch.Field.Unit, "d", StringComparison.OrdinalIgnoreCase))
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = ProperMotion.MjdToJulianYear(values[i]);
            }
        }
        if (tableEpoch is { } fallback)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = double.IsNaN(values[i]) ? fallback : values[i];
            }
        }
        return values;
    }

    /// <summary>
    /// The column whose UCD has every given word (the second may be null) and not <paramref name="exclude"/>, those
    /// marked meta.main first; null when none.
    /// </summary>
    internal static Column? ByUcd(Table table, string word, string? second, string? exclude = null)
    {
        Column? first = null;
        foreach (var column in table.Columns)
        {
            var words = Ucd.Words(column.Field.Ucd);
            if (words.Contains(word, StringComparer.OrdinalIgnoreCase) && (second is null || words.Contains(second, StringComparer.OrdinalIgnoreCase))
                && (exclude is null || !words.Contains(exclude, StringComparer.OrdinalIgnoreCase)))
            {
                if (words.Contains("meta.main", StringComparer.OrdinalIgnoreCase))
                {
                    return column;
                }
                // stat.error;pos.pm;pos.eq.ra is the motion's error, not the motion.
                if (!words.Contains("stat.error", StringComparer.OrdinalIgnoreCase))
                {
                    first ??= column;
                }
            }
        }
        return first;
    }

    private static Column? Numeric(Column? column) =>
        column is not null && column.Field.IsScalar && column.Field.DataType is not (VoDataType.Boolean or VoDataType.Bit or VoDataType.FloatComplex or VoDataType.DoubleComplex)
            ? column
            : column is StringColumn ? column : null;

    private static double[] MasPerYear(Column column)
    {
        var values = Values(column);
        string unit = (column.Field.Unit ?? "mas/yr").Replace(".yr-1", "/yr", StringComparison.Ordinal).Replace(".a-1", "/yr", StringComparison.Ordinal)
            .Replace("/a", "/yr", StringComparison.Ordinal);
        double scale = unit switch
        {
            "arcsec/yr" or "\"/yr" => 1000.0,
            "deg/yr" => 3600.0 * 1000.0,
            _ => 1.0,
        };
        if (scale != 1.0)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] *= scale;
            }
        }
        return values;
    }

    private static double[] Values(Column column)
    {
        var values = new double[column.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = column switch
            {
                StringColumn text => double.TryParse(text.GetChars(i), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN,
                _ => column.GetValue(i) is { } value ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : double.NaN,
            };
        }
        return values;
    }

    private static IEnumerable<CoordinateSystem> AllSystems(Resource resource) =>
        resource.CoordinateSystems.Concat(resource.Resources.SelectMany(AllSystems));
}
