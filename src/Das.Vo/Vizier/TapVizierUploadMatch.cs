using Das.Vo.Adql;
using Das.Vo.Http;
using Das.Vo.Tap;

namespace Das.Vo.Vizier;

/// <summary>
/// A cross-match of an uploaded list against one VizieR table, run by TAPVizieR (TAP 1.1 sync with
/// <c>UPLOAD=das_upload,param:das_upload</c> and the list as a VOTable part): every row of the table within the
/// radius of an uploaded position, with the uploaded row number first and the distance second
/// (<see cref="AdqlUploadMatch"/>). The table id and the column names go out as delimited identifiers.
/// </summary>
public sealed record TapVizierUploadMatch
{
    /// <summary>The TAP base URL. Default the public TAPVizieR.</summary>
    public Uri BaseUrl { get; init; } = TapVizierCone.DefaultBaseUrl;
    /// <summary>The VizieR table id, e.g. <c>II/246/out</c>.</summary>
    public required string Table { get; init; }
    /// <summary>Columns to return as VizieR names them; empty for all.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];
    /// <summary>The right ascension column. Default RAJ2000 (VizieR's computed ICRS/J2000 position).</summary>
    public string RaColumn { get; init; } = "RAJ2000";
    /// <summary>The declination column. Default DEJ2000.</summary>
    public string DecColumn { get; init; } = "DEJ2000";
    /// <summary>The match radius, degrees.</summary>
    public required double RadiusDeg { get; init; }
    /// <summary>Row limit (TOP and MAXREC).</summary>
    public required long MaxRows { get; init; }
    /// <summary>The uploaded positions: a VOTable with das_row, das_ra, das_dec.</summary>
    public required ReadOnlyMemory<byte> Positions { get; init; }

    /// <summary>Builds the TAP query (sync or async, as the caller chooses).</summary>
    /// <exception cref="ArgumentException">A name is not usable, the radius is not in (0, 180°] or the limit is not positive.</exception>
    public TapQuery Build()
    {
        var adql = AdqlUploadMatch.Build(Name(Table, "table"), [.. Columns.Select(c => Name(c, "column"))],
            Name(RaColumn, "RA column"), Name(DecColumn, "Dec column"), RadiusDeg, MaxRows);
        return new TapQuery
        {
            BaseUrl = BaseUrl,
            Adql = adql,
            MaxRecords = MaxRows,
            Uploads = [new VoUpload(AdqlUploadMatch.UploadName, Positions)],
        };
    }

    private static AdqlIdentifier Name(string name, string what) =>
        AdqlIdentifier.TryFromName(name, out var id, out var error) ? id : throw new ArgumentException($"VizieR {what} '{name}': {error}");
}
