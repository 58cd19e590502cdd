using Das.Vo.Http;

namespace Das.Vo.Sia;

/// <summary>A Simple Image Access 1.0 query: POS=ra,dec and SIZE (degrees), optional FORMAT and INTERSECT.</summary>
public sealed record Sia1Query
{
    /// <summary>The service's base URL.</summary>
    public required Uri Endpoint { get; init; }
    /// <summary>Centre right ascension, degrees.</summary>
    public required double RaDeg { get; init; }
    /// <summary>Centre declination, degrees.</summary>
    public required double DecDeg { get; init; }
    /// <summary>Full width of the region, degrees (SIA 1 SIZE).</summary>
    public required double SizeDeg { get; init; }
    /// <summary>Full height, degrees, when different from the width.</summary>
    public double? HeightDeg { get; init; }
    /// <summary>FORMAT, e.g. image/fits, or null for all.</summary>
    public string? Format { get; init; }
    /// <summary>INTERSECT: COVERS, ENCLOSED, CENTER or OVERLAPS (the default), or null.</summary>
    public string? Intersect { get; init; }

    /// <summary>Builds the GET request.</summary>
    public VoRequest BuildRequest()
    {
        VoNumber.CheckPosition(RaDeg, DecDeg);
        VoNumber.CheckRadius(SizeDeg, "SIZE");
        var size = VoNumber.Format(SizeDeg, "SIZE");
        if (HeightDeg is double h)
        {
            VoNumber.CheckRadius(h, "SIZE height");
            size += "," + VoNumber.Format(h, "SIZE height");
        }
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("POS", VoNumber.Format(RaDeg, "RA") + "," + VoNumber.Format(DecDeg, "DEC")),
            new("SIZE", size),
        };
        if (Format is not null)
        {
            parameters.Add(new("FORMAT", Format));
        }
        if (Intersect is not null)
        {
            if (Intersect is not ("COVERS" or "ENCLOSED" or "CENTER" or "OVERLAPS"))
            {
                throw new ArgumentException($"INTERSECT '{Intersect}' is not COVERS, ENCLOSED, CENTER or OVERLAPS");
            }
            parameters.Add(new("INTERSECT", Intersect));
        }
        return new VoRequest(HttpMethod.Get, Endpoint, parameters);
    }
}
