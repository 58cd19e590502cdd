using Das.Sources.Json;
using Das.Tables.Model;

namespace Das.Sources.Fink;

/// <summary>
/// What Fink's columns mean. Fink prefixes each key: <c>i:</c> a field of the original ZTF alert, <c>d:</c> added by
/// Fink, <c>v:</c> computed for the answer. Keys not listed here keep their name and inferred type, without a UCD.
/// </summary>
internal static class FinkFields
{
    /// <summary>The separation from the search centre Fink adds to every cone-search row.</summary>
    public const string Separation = "v:separation_degree";

    public static readonly IReadOnlyDictionary<string, Field> Known = new Dictionary<string, Field>(StringComparer.Ordinal)
    {
        ["i:objectId"] = JsonTable.Text("i:objectId", "meta.id;meta.main", "ZTF object identifier"),
        ["i:candid"] = JsonTable.Integer("i:candid", null, "meta.id", "ZTF alert (candidate) identifier"),
        ["i:ra"] = JsonTable.Real("i:ra", "deg", "pos.eq.ra;meta.main", "Right ascension of the last alert (ICRS)"),
        ["i:dec"] = JsonTable.Real("i:dec", "deg", "pos.eq.dec;meta.main", "Declination of the last alert (ICRS)"),
        ["i:jd"] = JsonTable.Real("i:jd", "d", "time.epoch", "Julian date of the last alert"),
        ["i:magpsf"] = JsonTable.Real("i:magpsf", "mag", "phot.mag", "PSF-fit magnitude of the last alert"),
        ["i:sigmapsf"] = JsonTable.Real("i:sigmapsf", "mag", "stat.error;phot.mag", "Uncertainty of magpsf"),
        ["i:fid"] = JsonTable.Integer("i:fid", null, "instr.filter", "ZTF filter: 1 = g, 2 = r, 3 = i"),
        ["i:ndethist"] = JsonTable.Integer("i:ndethist", null, "meta.number", "Number of earlier detections at this position"),
        [Separation] = JsonTable.Real(Separation, "deg", "pos.angDistance", "Distance from the search centre"),
    };
}
