using System.Text.Json;
using Das.Engine.Sources;
using Das.Sources.Json;
using Das.Tables.Model;

namespace Das.Sources.Mast;

/// <summary>
/// The columns of a Mashup answer: its <c>fields</c> list names each column and gives a type word (string, float,
/// int, boolean, date ...); the names MAST's catalogues share get their unit and UCD here.
/// </summary>
internal static class MastMashupFields
{
    private static readonly Dictionary<string, (string? Unit, string Ucd, string Description)> Known =
        new(StringComparer.Ordinal)
        {
            ["ID"] = (null, "meta.id;meta.main", "Catalogue identifier (the TIC ID for the TESS Input Catalog)"),
            ["ra"] = ("deg", "pos.eq.ra;meta.main", "Right ascension (ICRS)"),
            ["dec"] = ("deg", "pos.eq.dec;meta.main", "Declination (ICRS)"),
            ["dstArcSec"] = ("arcsec", "pos.angDistance", "Distance from the search centre"),
            ["pmRA"] = ("mas/yr", "pos.pm;pos.eq.ra", "Proper motion in right ascension"),
            ["pmDEC"] = ("mas/yr", "pos.pm;pos.eq.dec", "Proper motion in declination"),
            ["plx"] = ("mas", "pos.parallax", "Parallax"),
            ["Tmag"] = ("mag", "phot.mag", "TESS magnitude"),
            ["Teff"] = ("K", "phys.temperature.effective", "Effective temperature"),
            ["GAIA"] = (null, "meta.id.cross", "Gaia source id"),
        };

    /// <summary>The fields an answer declares, in its order, without MAST's internal "_selected_" column.</summary>
    public static IReadOnlyList<Field> Read(JsonElement fields)
    {
        var result = new List<Field>();
        foreach (var declared in fields.EnumerateArray())
        {
            if (declared.ValueKind != JsonValueKind.Object || !declared.TryGetProperty("name", out var nameElement) ||
                nameElement.ValueKind != JsonValueKind.String || nameElement.GetString() is not { Length: > 0 } name)
            {
                throw new SourceFailureException(SourceFailureKind.Format, "a field of the answer has no name");
            }
            if (name == "_selected_")
            {
                continue;
            }
            var type = declared.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "string";
            var (unit, ucd, description) = Known.TryGetValue(name, out var meaning) ? meaning : (null, null, null);
            result.Add(type.ToLowerInvariant() switch
            {
                "float" or "double" or "decimal" or "number" or "real" => JsonTable.Real(name, unit, ucd, description),
                "int" or "integer" or "long" or "short" or "int16" or "int32" or "int64" or "unsignedbyte" => JsonTable.Integer(name, unit, ucd, description),
                "boolean" or "bool" => JsonTable.Flag(name, ucd, description),
                _ => JsonTable.Text(name, ucd, description),
            });
        }
        return result;
    }
}
