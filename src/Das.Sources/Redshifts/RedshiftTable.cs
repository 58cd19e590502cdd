using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Sources.Redshifts;

/// <summary>
/// The one table every redshift answer is turned into: one row per measured redshift, with its distance from the
/// search position, its error, how it was measured, the object, the catalogue it comes from and the request that
/// returned it. Contributors' tables have this shape; <see cref="Merge"/> joins them nearest first.
/// </summary>
public static class RedshiftTable
{
    /// <summary>Distance from the search position, arcsec (null when the answer gave no position or distance).</summary>
    public const string Separation = "separation";
    /// <summary>The redshift.</summary>
    public const string Z = "z";
    /// <summary>Its 1-sigma error, when the catalogue gives one.</summary>
    public const string ZErr = "z_err";
    /// <summary>spec, phot or unknown.</summary>
    public const string ZKind = "z_kind";
    /// <summary>The object's name or id in the catalogue.</summary>
    public const string ObjectName = "object";
    /// <summary>ICRS right ascension, degrees.</summary>
    public const string Ra = "ra";
    /// <summary>ICRS declination, degrees.</summary>
    public const string Dec = "dec";
    /// <summary>The catalogue or table id.</summary>
    public const string Catalogue = "catalogue";
    /// <summary>The catalogue's description.</summary>
    public const string CatalogueDescription = "catalogue_description";
    /// <summary>The catalogue column the redshift was read from.</summary>
    public const string ZColumn = "z_column";
    /// <summary>The catalogue's quality flag for the redshift, as it writes it.</summary>
    public const string Quality = "quality";
    /// <summary>The bibcode of the measurement, when the catalogue gives one.</summary>
    public const string Reference = "reference";
    /// <summary>The Das source that asked.</summary>
    public const string Source = "source";
    /// <summary>The request that returned the row.</summary>
    public const string Provenance = "provenance";

    /// <summary>The text of a kind in the table: spec, phot or unknown.</summary>
    public static string KindText(RedshiftKind kind) => kind switch
    {
        RedshiftKind.Spectroscopic => "spec",
        RedshiftKind.Photometric => "phot",
        _ => "unknown",
    };

    /// <summary>The fields, in order.</summary>
    public static IReadOnlyList<Field> Fields { get; } =
    [
        Number(Separation, "arcsec", "pos.angDistance", "Distance from the search position"),
        Number(Z, null, "src.redshift", "Redshift"),
        Number(ZErr, null, "stat.error;src.redshift", "1-sigma error of the redshift, when the catalogue gives one"),
        Text(ZKind, "meta.code;src.redshift", "How the redshift was measured: spec (spectroscopic), phot (photometric) or unknown"),
        Text(ObjectName, "meta.id;meta.main", "The object's name or id in the catalogue"),
        Number(Ra, "deg", "pos.eq.ra;meta.main", "Right ascension (ICRS)"),
        Number(Dec, "deg", "pos.eq.dec;meta.main", "Declination (ICRS)"),
        Text(Catalogue, "meta.id;meta.dataset", "The catalogue or table the redshift comes from"),
        Text(CatalogueDescription, "meta.title;meta.dataset", "What the catalogue is"),
        Text(ZColumn, "meta.id", "The catalogue column the redshift was read from"),
        Text(Quality, "meta.code.qual", "The catalogue's quality flag for the redshift"),
        Text(Reference, "meta.bib.bibcode", "Bibcode of the measurement"),
        Text(Source, "meta.id", "The Das source that asked"),
        Text(Provenance, "meta.query", "The request that returned the row (URL, and ADQL for TAP)"),
    ];

    /// <summary>An empty table of this shape.</summary>
    public static Table Empty(string? description = null) => new(Fields.Select(Column.Create)) { Name = "redshifts", Description = description };

    /// <summary>True when the table has this shape (it came from a redshift contributor).</summary>
    public static bool IsRedshiftTable(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Columns.Count == Fields.Count && table.Columns.Select(c => c.Name).SequenceEqual(Fields.Select(f => f.Name), StringComparer.Ordinal);
    }

    /// <summary>
    /// Joins tables of this shape into one, nearest first (rows without a separation last; ties by source,
    /// catalogue and redshift, so the order is the same every time).
    /// </summary>
    public static Table Merge(IEnumerable<Table> tables, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var parts = tables.Where(IsRedshiftTable).ToList();
        var rows = new List<(Table Table, int Row, double Separation, string Source, string Catalogue, double Z)>();
        foreach (var table in parts)
        {
            var separation = (ScalarColumn<double>)table.Columns[0];
            var z = (ScalarColumn<double>)table.Columns[1];
            var catalogue = (StringColumn)table.Columns[7];
            var source = (StringColumn)table.Columns[12];
            for (int row = 0; row < table.RowCount; row++)
            {
                double s = separation.IsNull(row) ? double.NaN : separation[row];
                rows.Add((table, row, s, source.GetString(row) ?? "", catalogue.GetString(row) ?? "", z[row]));
            }
        }
        rows.Sort((a, b) =>
        {
            int bySeparation = (double.IsNaN(a.Separation), double.IsNaN(b.Separation)) switch
            {
                (true, false) => 1,
                (false, true) => -1,
                (true, true) => 0,
                _ => a.Separation.CompareTo(b.Separation),
            };
            if (bySeparation != 0)
            {
                return bySeparation;
            }
            int bySource = string.CompareOrdinal(a.Source, b.Source);
            if (bySource != 0)
            {
                return bySource;
            }
            int byCatalogue = string.CompareOrdinal(a.Catalogue, b.Catalogue);
            return byCatalogue != 0 ? byCatalogue : a.Z.CompareTo(b.Z);
        });
        var merged = Empty(description);
        foreach (var (table, row, _, _, _, _) in rows)
        {
            for (int c = 0; c < merged.Columns.Count; c++)
            {
                ColumnCopier.CopyCell(table.Columns[c], row, merged.Columns[c]);
            }
        }
        var truncated = parts.Where(t => t.Truncation is not null).ToList();
        if (truncated.Count > 0)
        {
            merged.Truncation = new Truncation(truncated[0].Truncation!.Reason,
                string.Join("; ", truncated.Select(t => t.Truncation!.Message)));
        }
        return merged;
    }

    private static Field Number(string name, string? unit, string ucd, string description) =>
        new() { Name = name, DataType = VoDataType.Double, Unit = unit, Ucd = ucd, Description = description };

    private static Field Text(string name, string ucd, string description) =>
        new() { Name = name, DataType = VoDataType.UnicodeChar, ArraySize = ArraySize.Variable, Ucd = ucd, Description = description };
}
