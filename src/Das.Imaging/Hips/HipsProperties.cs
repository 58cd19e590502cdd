using System.Globalization;

namespace Das.Imaging.Hips;

/// <summary>
/// A HiPS <c>properties</c> file (IVOA HiPS 1.0 §4.4): <c>keyword = value</c> lines, <c>#</c> comments. The typed
/// members are the ones Das and Aladin Lite rely on.
/// </summary>
public sealed class HipsProperties
{
    private readonly Dictionary<string, string> _values;

    private HipsProperties(Dictionary<string, string> values) => _values = values;

    /// <summary>Every keyword and its value (the first occurrence of a keyword wins).</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Reads a properties file.</summary>
    public static HipsProperties Read(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses the text of a properties file.</summary>
    public static HipsProperties Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }
            values.TryAdd(line[..eq].Trim(), line[(eq + 1)..].Trim());
        }
        return new HipsProperties(values);
    }

    /// <summary>A value, or null.</summary>
    public string? this[string keyword] => _values.TryGetValue(keyword, out var v) ? v : null;

    /// <summary><c>creator_did</c>: the HiPS's identifier.</summary>
    public string? CreatorDid => this["creator_did"];

    /// <summary><c>hips_order</c>: the deepest HEALPix order of the tiles.</summary>
    public int? Order => int.TryParse(this["hips_order"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : null;

    /// <summary><c>hips_frame</c>: equatorial, galactic or ecliptic.</summary>
    public string? Frame => this["hips_frame"];

    /// <summary><c>hips_tile_format</c>: the tile formats, e.g. png and fits.</summary>
    public IReadOnlyList<string> TileFormats => (this["hips_tile_format"] ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);

    /// <summary><c>hips_tile_width</c> in pixels.</summary>
    public int? TileWidth => int.TryParse(this["hips_tile_width"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) ? w : null;

    /// <summary><c>hips_initial_ra</c>/<c>hips_initial_dec</c>/<c>hips_initial_fov</c>: where a viewer opens, degrees; null when absent.</summary>
    public (double RaDeg, double DecDeg, double FovDeg)? InitialView =>
        Number("hips_initial_ra") is double ra && Number("hips_initial_dec") is double dec
            ? (ra, dec, Number("hips_initial_fov") ?? 1)
            : null;

    private double? Number(string keyword) =>
        double.TryParse(this[keyword], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
