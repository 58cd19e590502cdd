namespace Das.Sky.Healpix;

/// <summary>
/// A disc (spherical cap) for <see cref="HealpixQuery"/>. Distances are compared as squared chords
/// (|a − b|² = 4·sin²(d/2)), which stay precise for the sub-milliarcsecond pixels of order 29 where cosines round to 1.
/// </summary>
internal readonly struct DiscZone : IPixelZone
{
    private readonly double _z0;
    private readonly double _sth0;
    private readonly double _phi0;
    private readonly double _chord2;
    private readonly double[] _chord2Plus;
    private readonly double[] _chord2Minus;

    public DiscZone(double theta, double phi, double radius, int maxOrder)
    {
        (_sth0, _z0) = Math.SinCos(theta);
        _phi0 = phi;
        _chord2 = Chord2(radius);
        _chord2Plus = new double[maxOrder + 1];
        _chord2Minus = new double[maxOrder + 1];
        for (var o = 0; o <= maxOrder; o++)
        {
            var dr = HealpixMath.MaxPixelRadius(o);
            // Beyond π every pixel touches the disc (5 > the largest possible squared chord, 4).
            _chord2Plus[o] = radius + dr >= Math.PI ? 5.0 : Chord2(radius + dr);
            _chord2Minus[o] = radius - dr < 0 ? -1.0 : Chord2(radius - dr);
        }
    }

    private static double Chord2(double angle)
    {
        var s = Math.Sin(Math.Min(Math.PI, angle) / 2);
        return 4 * s * s;
    }

    public int Zone(int order, double z, double phi, double sth)
    {
        // |v − c|² = (z − z0)² + (s − s0)² + 4·s·s0·sin²(Δφ/2): a sum of non-negative terms, no cancellation.
        var dz = z - _z0;
        var ds = sth - _sth0;
        var h = Math.Sin((phi - _phi0) * 0.5);
        var d2 = (dz * dz) + (ds * ds) + (4 * sth * _sth0 * h * h);
        if (d2 >= _chord2Plus[order])
        {
            return 0;
        }

        return d2 > _chord2 ? 1 : d2 >= _chord2Minus[order] ? 2 : 3;
    }
}
