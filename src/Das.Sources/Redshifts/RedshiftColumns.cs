using System.Globalization;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Sources.Redshifts;

/// <summary>
/// Which columns of an answer hold redshifts, their errors, how they were measured, the object and its quality
/// flag: by UCD first (<c>src.redshift</c>, <c>stat.error;src.redshift</c>, <c>src.redshift.phot</c>,
/// <c>meta.id;meta.main</c>, <c>meta.code.qual</c>, <c>meta.bib.bibcode</c>), then by the names catalogues use
/// (VizieR's <c>e_</c> prefix, SIMBAD's <c>rvz_*</c>, NED's <c>z</c>/<c>zunc</c>/<c>zflag</c>, <c>zsp</c>, <c>zph</c> ...).
/// </summary>
internal static class RedshiftColumns
{
    /// <summary>Speed of light, km/s: SIMBAD gives the error of a velocity in km/s.</summary>
    public const double LightKmPerS = 299_792.458;

    private static readonly string[] RedshiftNames =
        ["rvz_redshift", "z", "redshift", "zsp", "z_sp", "zspec", "z_spec", "specz", "spec_z", "zph", "z_ph", "zphot", "z_phot", "photoz", "photo_z", "zbest", "z_best"];
    private static readonly string[] PhotometricNames = ["zph", "z_ph", "zphot", "z_phot", "photoz", "photo_z", "zp", "phot_z", "z_photo"];
    private static readonly string[] SpectroscopicNames = ["zsp", "z_sp", "zspec", "z_spec", "specz", "spec_z", "zs"];
    private static readonly string[] ObjectNames = ["main_id", "prefname", "object", "objname", "name", "id"];
    private static readonly string[] QualityNames = ["rvz_qual", "zquality", "z_quality", "zqual", "z_qual", "q_z", "qz", "zwarning"];
    private static readonly string[] ReferenceNames = ["rvz_bibcode", "bibcode", "refcode", "z_ref", "r_z"];

    /// <summary>The columns holding a redshift (not its error), in table order.</summary>
    public static IReadOnlyList<Column> Redshifts(Table table)
    {
        var byUcd = table.Columns.Where(c => Primary(c) is { } p && p.StartsWith("src.redshift", StringComparison.Ordinal) && IsNumeric(c)).ToList();
        if (byUcd.Count > 0)
        {
            return byUcd;
        }
        return [.. RedshiftNames.Select(table.FindColumn).OfType<Column>().Where(c => IsNumeric(c) && UcdAllows(c)).Distinct().Take(1)];
    }

    /// <summary>The error column of a redshift column: by UCD (matched by name or by the same redshift word when there are several), else by name.</summary>
    public static Column? ErrorOf(Table table, Column redshift, int redshiftColumns)
    {
        var name = redshift.Name;
        var errors = table.Columns.Where(c => Primary(c) is { } p && p.StartsWith("stat.error", StringComparison.Ordinal)
            && Ucd.Words(c.Field.Ucd).Skip(1).Any(w => w.StartsWith("src.redshift", StringComparison.Ordinal)) && IsNumeric(c)).ToList();
        string[] names = ["e_" + name, name + "_err", name + "err", name + "_error", "err_" + name, name + "unc", name + "_unc", "e" + name];
        var byName = names.Select(n => errors.Find(e => string.Equals(e.Name, n, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(e => e is not null);
        if (byName is not null)
        {
            return byName;
        }
        if (errors.Count == 1 && redshiftColumns == 1)
        {
            return errors[0];
        }
        var word = Ucd.Words(redshift.Field.Ucd) is { Count: > 0 } ucd ? ucd[0] : null;
        var sameWord = errors.Where(e => Ucd.Words(e.Field.Ucd).Skip(1).Contains(word, StringComparer.Ordinal)).ToList();
        if (sameWord.Count == 1)
        {
            return sameWord[0];
        }
        if (errors.Count > 0)
        {
            return null; // several candidates and none clearly this column's: better no error than a wrong one
        }
        return names.Select(table.FindColumn).FirstOrDefault(c => c is not null && IsNumeric(c) && UcdAllows(c));
    }

    /// <summary>How a redshift column was measured, from its UCD, name or description.</summary>
    public static RedshiftKind KindOf(Column redshift)
    {
        var words = Ucd.Words(redshift.Field.Ucd);
        if (words.Any(w => w.StartsWith("src.redshift.phot", StringComparison.Ordinal)))
        {
            return RedshiftKind.Photometric;
        }
        var name = redshift.Name.ToLowerInvariant();
        if (PhotometricNames.Contains(name, StringComparer.Ordinal))
        {
            return RedshiftKind.Photometric;
        }
        if (SpectroscopicNames.Contains(name, StringComparer.Ordinal))
        {
            return RedshiftKind.Spectroscopic;
        }
        return KindFromText(redshift.Field.Description);
    }

    /// <summary>Spectroscopic or photometric when a description says one and not the other.</summary>
    public static RedshiftKind KindFromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return RedshiftKind.Unknown;
        }
        bool phot = text.Contains("photometric", StringComparison.OrdinalIgnoreCase) || text.Contains("photo-z", StringComparison.OrdinalIgnoreCase);
        bool spec = text.Contains("spectroscopic", StringComparison.OrdinalIgnoreCase) || text.Contains("spectroscopy", StringComparison.OrdinalIgnoreCase);
        return (phot, spec) switch
        {
            (true, false) => RedshiftKind.Photometric,
            (false, true) => RedshiftKind.Spectroscopic,
            _ => RedshiftKind.Unknown,
        };
    }

    /// <summary>
    /// A column telling, row by row, how each redshift was measured: SIMBAD's <c>rvz_nature</c> ('s…' spectroscopic,
    /// 'p' photometric) or NED's <c>zflag</c> (S/SPEC, P/PHOT). Both codings come from public client code, not from
    /// the archives' documentation (unconfirmed).
    /// </summary>
    public static Func<int, RedshiftKind>? RowKind(Table table)
    {
        if (table.FindColumn("rvz_nature") is { } nature)
        {
            return row => Text(nature, row)?.ToLowerInvariant() switch
            {
                ['s', ..] => RedshiftKind.Spectroscopic,
                "p" => RedshiftKind.Photometric,
                _ => RedshiftKind.Unknown,
            };
        }
        if (table.FindColumn("zflag") is { } flag)
        {
            return row => Text(flag, row)?.ToUpperInvariant() switch
            {
                "S" or "SPEC" or "SPECTROSCOPIC" => RedshiftKind.Spectroscopic,
                "P" or "PHOT" or "PHOTO" or "PHOTOMETRIC" => RedshiftKind.Photometric,
                _ => RedshiftKind.Unknown,
            };
        }
        return null;
    }

    /// <summary>
    /// SIMBAD's error convention: <c>rvz_err</c> is in the unit of <c>rvz_type</c> (z: none; v or c: km/s), so a
    /// velocity error becomes a redshift error by dividing by c (first order; the reading of rvz_type comes from public
    /// client code, unconfirmed). Null when the table is not SIMBAD's.
    /// </summary>
    public static Func<int, double>? SimbadError(Table table, Column redshift)
    {
        if (!string.Equals(redshift.Name, "rvz_redshift", StringComparison.OrdinalIgnoreCase) || table.FindColumn("rvz_err") is not { } error)
        {
            return null;
        }
        var type = table.FindColumn("rvz_type");
        return row =>
        {
            double value = Number(error, row);
            return Text(type, row)?.ToLowerInvariant() switch
            {
                "v" or "c" => value / LightKmPerS,
                _ => value,
            };
        };
    }

    /// <summary>The object's name or id column.</summary>
    public static Column? ObjectOf(Table table) =>
        table.FindColumnByUcd("meta.id;meta.main")
        ?? ObjectNames.Select(table.FindColumn).FirstOrDefault(c => c is not null)
        ?? table.Columns.FirstOrDefault(c => Primary(c) == "meta.id");

    /// <summary>
    /// The quality flag of a redshift column: VizieR's <c>q_</c> + its name, else a quality column (UCD
    /// meta.code.qual, or a usual name) that is not another redshift column's <c>q_</c>.
    /// </summary>
    public static Column? QualityOf(Table table, Column redshift, IReadOnlyList<Column> redshifts)
    {
        if (table.FindColumn("q_" + redshift.Name) is { } own)
        {
            return own;
        }
        var others = redshifts.Where(r => r != redshift).Select(r => "q_" + r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return table.Columns.Where(c => Primary(c) == "meta.code.qual").Concat(QualityNames.Select(table.FindColumn).OfType<Column>())
            .FirstOrDefault(c => !others.Contains(c.Name));
    }

    /// <summary>The bibcode column.</summary>
    public static Column? ReferenceOf(Table table) =>
        table.Columns.FirstOrDefault(c => Primary(c) == "meta.bib.bibcode") ?? ReferenceNames.Select(table.FindColumn).FirstOrDefault(c => c is not null);

    /// <summary>
    /// A distance-from-centre column and its factor to arcsec: UCD pos.angDistance or the names _r and
    /// das_dist_deg; unit arcmin, arcsec or (by default, as DaCHS and TAP send it) degrees.
    /// </summary>
    public static (Column Column, double ToArcsec)? DistanceOf(Table table)
    {
        var column = table.FindColumn("das_dist_deg") ?? table.FindColumnByUcd("pos.angDistance") ?? table.FindColumn("_r");
        if (column is null || !IsNumeric(column))
        {
            return null;
        }
        double factor = column.Field.Unit?.Trim().ToLowerInvariant() switch
        {
            "arcmin" or "'" => 60,
            "arcsec" or "\"" => 1,
            "mas" => 1e-3,
            "rad" => 180 / Math.PI * 3600,
            _ => 3600,
        };
        return (column, factor);
    }

    /// <summary>A cell as a number: NaN when null or not a number (text cells are parsed in the invariant culture).</summary>
    public static double Number(Column? column, int row)
    {
        if (column is null || row >= column.Count || column.IsNull(row))
        {
            return double.NaN;
        }
        return column switch
        {
            ScalarColumn<double> d => d[row],
            ScalarColumn<float> f => f[row],
            StringColumn s => double.TryParse(s.GetChars(row), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN,
            _ => column.GetValue(row) is IConvertible c and not bool ? c.ToDouble(CultureInfo.InvariantCulture) : double.NaN,
        };
    }

    /// <summary>A cell as text (numbers in the invariant culture), or null.</summary>
    public static string? Text(Column? column, int row)
    {
        if (column is null || row >= column.Count || column.IsNull(row))
        {
            return null;
        }
        var text = column.GetValue(row) switch
        {
            null => null,
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    // A column found by name must not carry a UCD saying it is something else (a "z" magnitude, say).
    private static bool UcdAllows(Column column) =>
        string.IsNullOrWhiteSpace(column.Field.Ucd) || Ucd.Words(column.Field.Ucd).Any(w => w.StartsWith("src.redshift", StringComparison.Ordinal));

    private static string? Primary(Column column) => Ucd.Words(column.Field.Ucd) is { Count: > 0 } words ? words[0] : null;

    private static bool IsNumeric(Column column) =>
        column is StringColumn || (column.Field.IsScalar && column.Field.DataType is not (VoDataType.Boolean or VoDataType.Bit or VoDataType.FloatComplex or VoDataType.DoubleComplex));
}
