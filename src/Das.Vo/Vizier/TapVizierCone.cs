using Das.Vo.Adql;
using Das.Vo.Http;
using Das.Vo.Tap;

namespace Das.Vo.Vizier;

/// <summary>
/// A cone query on one VizieR table through TAPVizieR. VizieR table ids (<c>VIII/65/nvss</c>) are not regular ADQL
/// names, so they go out as delimited identifiers (<c>"VIII/65/nvss"</c>); positions are VizieR's computed
/// J2000 columns unless the source names others.
/// </summary>
public sealed record TapVizierCone
{
    /// <summary>The public TAPVizieR base URL.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://tapvizier.cds.unistra.fr/TAPVizieR/tap");

    /// <summary>The TAP base URL.</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;
    /// <summary>The VizieR table id, e.g. <c>VIII/65/nvss</c> or <c>I/355/gaiadr3</c>.</summary>
    public required string Table { get; init; }
    /// <summary>Centre right ascension, ICRS degrees.</summary>
    public required double RaDeg { get; init; }
    /// <summary>Centre declination, ICRS degrees.</summary>
    public required double DecDeg { get; init; }
    /// <summary>Radius, arcseconds.</summary>
    public required double RadiusArcsec { get; init; }
    /// <summary>Row limit (TOP and MAXREC). Default 50, as VizieR's own -out.max default in astroquery.</summary>
    public long MaxRows { get; init; } = 50;
    /// <summary>Columns to return as VizieR names them; empty for all.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];
    /// <summary>The right ascension column. Default RAJ2000 (VizieR's computed ICRS/J2000 position).</summary>
    public string RaColumn { get; init; } = "RAJ2000";
    /// <summary>The declination column. Default DEJ2000.</summary>
    public string DecColumn { get; init; } = "DEJ2000";

    /// <summary>Builds the TAP query (sync or async, as the caller chooses).</summary>
    public TapQuery Build()
    {
        var table = Name(Table, "table");
        var columns = Columns.Select(c => Name(c, "column")).ToList();
        var adql = AdqlCone.Build(table, columns, Name(RaColumn, "RA column"), Name(DecColumn, "Dec column"),
            RaDeg, DecDeg, RadiusArcsec / 3600.0, MaxRows);
        return new TapQuery { BaseUrl = BaseUrl, Adql = adql, MaxRecords = MaxRows };
    }

    /// <summary>
    /// The VOSI request for one table's columns: <c>{base}/tables/{table}</c>. TAPVizieR's whole tableset lists no
    /// columns (its About page), so columns are fetched per table. The id's slashes stay path separators, as in the
    /// links VizieR publishes; each segment is escaped.
    /// </summary>
    public static VoRequest TableMetadataRequest(Uri baseUrl, string table)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        if (table.Any(char.IsControl) || table.Split('/').Any(s => s.Length == 0 || s is "." or ".."))
        {
            throw new ArgumentException($"'{table}' is not a table name");
        }
        var path = string.Join('/', table.Split('/').Select(Uri.EscapeDataString));
        return new VoRequest(HttpMethod.Get, new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/tables/" + path), []);
    }

    private static AdqlIdentifier Name(string name, string what) =>
        AdqlIdentifier.TryFromName(name, out var id, out var error) ? id : throw new ArgumentException($"VizieR {what} '{name}': {error}");
}
