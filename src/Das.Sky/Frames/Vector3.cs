namespace Das.Sky.Frames;

/// <summary>A Cartesian direction on the unit sphere (not necessarily normalised after arithmetic).</summary>
internal readonly record struct Vector3(double X, double Y, double Z)
{
    private const double DegToRad = Math.PI / 180.0;
    private const double RadToDeg = 180.0 / Math.PI;

    public static Vector3 FromLonLatDegrees(double lon, double lat)
    {
        (double sinLon, double cosLon) = Math.SinCos(lon * DegToRad);
        (double sinLat, double cosLat) = Math.SinCos(lat * DegToRad);
        return new Vector3(cosLat * cosLon, cosLat * sinLon, sinLat);
    }

    /// <summary>Longitude in [0, 360) and latitude in [-90, 90], degrees.</summary>
    public (double Lon, double Lat) ToLonLatDegrees()
    {
        double lon = Math.Atan2(Y, X) * RadToDeg;
        if (lon < 0)
        {
            lon += 360.0;
        }

        if (lon >= 360.0)
        {
            lon = 0.0;
        }

        double lat = Math.Atan2(Z, Math.Sqrt((X * X) + (Y * Y))) * RadToDeg;
        return (lon, lat);
    }

    public double Dot(Vector3 other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    public Vector3 Cross(Vector3 o) => new((Y * o.Z) - (Z * o.Y), (Z * o.X) - (X * o.Z), (X * o.Y) - (Y * o.X));

    public double Norm() => Math.Sqrt(Dot(this));

    public Vector3 Scale(double factor) => new(X * factor, Y * factor, Z * factor);

    public Vector3 Normalized() => Scale(1.0 / Norm());

    public static Vector3 operator +(Vector3 a, Vector3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3 operator -(Vector3 a, Vector3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
}
