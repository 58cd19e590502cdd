namespace Das.Sky.CrossMatch;

/// <summary>One A position with its Dec sine and cosine computed once for all its candidates.</summary>
internal readonly struct QueryPoint
{
    private const double DegToRad = Math.PI / 180.0;

    public QueryPoint(double ra, double dec)
    {
        Ra = ra;
        Dec = dec;
        (SinDec, CosDec) = Math.SinCos(dec * DegToRad);
    }

    public double Ra { get; }

    public double Dec { get; }

    public double SinDec { get; }

    public double CosDec { get; }

    /// <summary>
    /// The separation from (raFrom, decFrom) to (raTo, decTo) in radians, always computed from the A position so a
    /// pair's separation (and whether it is within the radius) is the same whichever catalogue was indexed.
    /// </summary>
    public static double Separation(double raFrom, double decFrom, double raTo, double decTo) =>
        new QueryPoint(raFrom, decFrom).SeparationTo(raTo, decTo);

    /// <summary>
    /// Great-circle distance in radians to (ra, dec) in degrees, by Vincenty's formula as astropy's
    /// <c>angular_separation</c> writes it: full double precision at every angle, unlike acos or the haversine near π.
    /// </summary>
    public double SeparationTo(double ra, double dec)
    {
        var (sinDl, cosDl) = Math.SinCos((ra - Ra) * DegToRad);
        var (sin2, cos2) = Math.SinCos(dec * DegToRad);
        double num1 = cos2 * sinDl;
        double num2 = (CosDec * sin2) - (SinDec * cos2 * cosDl);
        double den = (SinDec * sin2) + (CosDec * cos2 * cosDl);
        return Math.Atan2(Math.Sqrt((num1 * num1) + (num2 * num2)), den);
    }
}
