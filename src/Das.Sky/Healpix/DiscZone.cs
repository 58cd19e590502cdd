namespace Das.Sky.Healpix;

/// <summary>A disc (spherical cap) for <see cref="HealpixQuery"/>: cosines of the angular distance are compared.</summary>
internal readonly struct DiscZone : IPixelZone
{
    private readonly double _z0;
    private readonly double _sth0;
    private readonly double _phi0;
    private readonly double _cosRadius;
    private readonly double[] _cosPlus;
    private readonly double[] _cosMinus;

    public DiscZone(double theta, double phi, double radius, int maxOrder)
    {
        (_sth0, _z0) = Math.SinCos(theta);
        _phi0 = phi;
        _cosRadius = Math.Cos(radius);
        _cosPlus = new double[maxOrder + 1];
        _cosMinus = new double[maxOrder + 1];
        for (var o = 0; o <= maxOrder; o++)
        {
            var dr = HealpixMath.MaxPixelRadius(o);
            _cosPlus[o] = radius + dr > Math.PI ? -1.0 : Math.Cos(radius + dr);
            _cosMinus[o] = radius - dr < 0 ? 1.0 : Math.Cos(radius - dr);
        }
    }

    public double CosRadius => _cosRadius;

    public double CosineDistance(double z, double phi, double sth) => (z * _z0) + (sth * _sth0 * Math.Cos(phi - _phi0));

    public int Zone(int order, double z, double phi, double sth)
    {
        var c = CosineDistance(z, phi, sth);
        if (c <= _cosPlus[order])
        {
            return 0;
        }

        return c < _cosRadius ? 1 : c <= _cosMinus[order] ? 2 : 3;
    }
}
