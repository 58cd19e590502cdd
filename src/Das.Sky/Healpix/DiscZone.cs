namespace Das.Sky.Healpix;

/// <summary>
/// A disc (spherical cap) for <see cref="HealpixQuery"/>. Distances are compared as squared chords
/// (|a − b|² = 4·sin²(d/2)), which stay precise for the sub-milliarcsecond pixels of order 29 where cosines round to 1.
/// </summary>
internal readonly struct DiscZone : IPixelZone
{
    private readonly double _x0;
    private readonly double _y0;
    private readonly double _z0;
    private readonly double _chord2;
    private readonly double[] _chord2Plus;
    private readonly double[] _chord2Minus;

    public DiscZone(double theta, double phi, double radius, int maxOrder)
    {
        var (sth, z) = Math.SinCos(theta);
        var (sp, cp) = Math.SinCos(phi);
        (_x0, _y0, _z0) = (sth * cp, sth * sp, z);
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
        var (sp, cp) = Math.SinCos(phi);
        var dx = (sth * cp) - _x0;
        var dy = (sth * sp) - _y0;
        var dz = z - _z0;
        var d2 = (dx * dx) + (dy * dy) + (dz * dz);
        if (d2 >= _chord2Plus[order])
        {
            return 0;
        }

        return d2 > _chord2 ? 1 : d2 >= _chord2Minus[order] ? 2 : 3;
    }
}
