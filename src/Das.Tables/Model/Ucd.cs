using System.Collections.Frozen;

namespace Das.Tables.Model;

/// <summary>
/// UCD words for column lookup. Services still send SCS 1.03's UCD1 names (DaCHS's SCS labels its columns
/// POS_EQ_RA_MAIN, ID_MAIN): those are mapped to their UCD1+ words, so one lookup finds both.
/// </summary>
public static class Ucd
{
    private static readonly FrozenDictionary<string, string[]> Ucd1 = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["POS_EQ_RA_MAIN"] = ["pos.eq.ra", "meta.main"],
        ["POS_EQ_DEC_MAIN"] = ["pos.eq.dec", "meta.main"],
        ["POS_EQ_RA"] = ["pos.eq.ra"],
        ["POS_EQ_DEC"] = ["pos.eq.dec"],
        ["ID_MAIN"] = ["meta.id", "meta.main"],
        ["ID_ALTERNATIVE"] = ["meta.id"],
        ["POS_GAL_LON"] = ["pos.galactic.lon"],
        ["POS_GAL_LAT"] = ["pos.galactic.lat"],
        ["REDSHIFT_HC"] = ["src.redshift"],
        ["VOX:Image_AccessReference"] = ["meta.ref.url"],
        ["VOX:Image_Format"] = ["meta.code.mime"],
        ["VOX:Image_Title"] = ["meta.title"],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The UCD1+ words of a UCD attribute (UCD1 names translated), lower-cased; empty for null.</summary>
    public static IReadOnlyList<string> Words(string? ucd)
    {
        if (string.IsNullOrWhiteSpace(ucd))
        {
            return [];
        }
        var words = new List<string>(3);
        foreach (var word in ucd.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Ucd1.TryGetValue(word, out var mapped))
            {
                words.AddRange(mapped);
            }
            else
            {
                words.Add(word.ToLowerInvariant());
            }
        }
        return words;
    }
}
