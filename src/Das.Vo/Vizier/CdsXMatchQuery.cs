using System.Globalization;
using Das.Vo.Http;

namespace Das.Vo.Vizier;

/// <summary>
/// A cross-match of an uploaded list against a VizieR table by the CDS XMatch service (the cross-match service of
/// VizieR): one multipart POST with <c>REQUEST=xmatch</c>, <c>distMaxArcsec</c>, <c>selection=all</c>,
/// <c>RESPONSEFORMAT=votable</c>, the list as the <c>cat1</c> part with <c>colRA1</c>/<c>colDec1</c>, and
/// <c>cat2=vizier:TABLE</c>. The answer has <c>angDist</c> (arcsec), the uploaded columns, then the table's.
/// </summary>
public sealed record CdsXMatchQuery
{
    /// <summary>The public synchronous endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("http://cdsxmatch.u-strasbg.fr/xmatch/api/v1/sync");

    /// <summary>The largest distance the service accepts, arcsec.</summary>
    public const double MaxRadiusArcsec = 180.0;

    /// <summary>The distance column the service adds (arcsec).</summary>
    public const string DistanceColumn = "angDist";

    /// <summary>The service endpoint.</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;
    /// <summary>The VizieR table id, e.g. <c>II/246/out</c>.</summary>
    public required string Table { get; init; }
    /// <summary>The match radius, arcsec, in (0, 180].</summary>
    public required double RadiusArcsec { get; init; }
    /// <summary>The uploaded list: a VOTable.</summary>
    public required ReadOnlyMemory<byte> Positions { get; init; }
    /// <summary>The list's RA column (degrees).</summary>
    public string RaColumn { get; init; } = "das_ra";
    /// <summary>The list's Dec column (degrees).</summary>
    public string DecColumn { get; init; } = "das_dec";

    /// <summary>Builds the request.</summary>
    /// <exception cref="ArgumentException">The table id is empty or has control characters, or the radius is outside (0, 180″].</exception>
    public VoRequest BuildRequest()
    {
        if (string.IsNullOrWhiteSpace(Table) || Table.Any(char.IsControl) || Table.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"'{Table}' is not a VizieR table id");
        }
        if (!(RadiusArcsec > 0 && RadiusArcsec <= MaxRadiusArcsec))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the CDS XMatch service matches within at most {MaxRadiusArcsec} arcsec, not {RadiusArcsec}"));
        }
        return new VoRequest(HttpMethod.Post, Endpoint,
        [
            new("REQUEST", "xmatch"),
            new("distMaxArcsec", RadiusArcsec.ToString("R", CultureInfo.InvariantCulture)),
            new("selection", "all"),
            new("RESPONSEFORMAT", "votable"),
            new("colRA1", RaColumn),
            new("colDec1", DecColumn),
            new("cat2", "vizier:" + Table),
        ])
        {
            Uploads = [new VoUpload("cat1", Positions)],
        };
    }
}
