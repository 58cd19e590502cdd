using System.Globalization;
using Das.Vo.Http;

namespace Das.Vo.Sia;

/// <summary>A Simple Image Access 2.0 query: POS, BAND, TIME, COLLECTION, MAXREC, RESPONSEFORMAT.</summary>
public sealed record Sia2Query
{
    /// <summary>The service's query URL (e.g. .../siap2.xml or .../sia2/query).</summary>
    public required Uri Endpoint { get; init; }
    /// <summary>The region (POS).</summary>
    public required Sia2Region Region { get; init; }
    /// <summary>BAND as a wavelength interval in metres (either end may be open: infinity).</summary>
    public (double MinMetres, double MaxMetres)? Band { get; init; }
    /// <summary>TIME as an MJD interval.</summary>
    public (double MinMjd, double MaxMjd)? Time { get; init; }
    /// <summary>COLLECTION values (repeated parameter).</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];
    /// <summary>MAXREC, or null.</summary>
    public long? MaxRecords { get; init; }
    /// <summary>RESPONSEFORMAT, or null for the VOTable default.</summary>
    public string? ResponseFormat { get; init; }

    /// <summary>Builds the GET request.</summary>
    public VoRequest BuildRequest()
    {
        var parameters = new List<KeyValuePair<string, string>> { new("POS", Region.ToParameter()) };
        if (Band is var (bmin, bmax))
        {
            parameters.Add(new("BAND", Interval(bmin, bmax, "BAND")));
        }
        if (Time is var (tmin, tmax))
        {
            parameters.Add(new("TIME", Interval(tmin, tmax, "TIME")));
        }
        foreach (var collection in Collections)
        {
            parameters.Add(new("COLLECTION", collection));
        }
        if (MaxRecords is long maxrec)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxrec);
            parameters.Add(new("MAXREC", maxrec.ToString(CultureInfo.InvariantCulture)));
        }
        if (ResponseFormat is not null)
        {
            parameters.Add(new("RESPONSEFORMAT", ResponseFormat));
        }
        return new VoRequest(HttpMethod.Get, Endpoint, parameters);
    }

    // DALI 1.1 interval: two numbers separated by a space; -Inf and +Inf for open ends.
    private static string Interval(double min, double max, string name)
    {
        if (double.IsNaN(min) || double.IsNaN(max) || min > max)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be an interval with min <= max");
        }
        return $"{End(min)} {End(max)}";
        static string End(double v) => double.IsPositiveInfinity(v) ? "+Inf" : double.IsNegativeInfinity(v) ? "-Inf" : v.ToString("R", CultureInfo.InvariantCulture);
    }
}
