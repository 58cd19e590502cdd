using System.Globalization;
using Das.Vo.Http;

namespace Das.Vo.Ssa;

/// <summary>A Simple Spectral Access 1.1 queryData request: POS, SIZE, BAND, TIME, FORMAT, MAXREC.</summary>
public sealed record SsaQuery
{
    /// <summary>The service's base URL.</summary>
    public required Uri Endpoint { get; init; }
    /// <summary>Centre right ascension, degrees.</summary>
    public required double RaDeg { get; init; }
    /// <summary>Centre declination, degrees.</summary>
    public required double DecDeg { get; init; }
    /// <summary>Diameter of the search region, degrees (SSA SIZE).</summary>
    public required double SizeDeg { get; init; }
    /// <summary>BAND as a wavelength range in metres, sent as lo/hi.</summary>
    public (double MinMetres, double MaxMetres)? Band { get; init; }
    /// <summary>TIME as an ISO 8601 range, sent as start/end.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? Time { get; init; }
    /// <summary>FORMAT (all, compliant, native, graphic, or a MIME type), or null.</summary>
    public string? Format { get; init; }
    /// <summary>MAXREC, or null.</summary>
    public long? MaxRecords { get; init; }

    /// <summary>Builds the GET request.</summary>
    public VoRequest BuildRequest()
    {
        VoNumber.CheckPosition(RaDeg, DecDeg);
        VoNumber.CheckRadius(SizeDeg, "SIZE");
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("REQUEST", "queryData"),
            new("POS", VoNumber.Format(RaDeg, "RA") + "," + VoNumber.Format(DecDeg, "DEC")),
            new("SIZE", VoNumber.Format(SizeDeg, "SIZE")),
        };
        if (Band is var (lo, hi))
        {
            parameters.Add(new("BAND", VoNumber.Format(lo, "BAND") + "/" + VoNumber.Format(hi, "BAND")));
        }
        if (Time is var (start, end))
        {
            parameters.Add(new("TIME", start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "/" +
                end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)));
        }
        if (Format is not null)
        {
            parameters.Add(new("FORMAT", Format));
        }
        if (MaxRecords is long maxrec)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxrec);
            parameters.Add(new("MAXREC", maxrec.ToString(CultureInfo.InvariantCulture)));
        }
        return new VoRequest(HttpMethod.Get, Endpoint, parameters);
    }
}
