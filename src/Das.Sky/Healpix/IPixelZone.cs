namespace Das.Sky.Healpix;

/// <summary>
/// Classifies a pixel against a shape by its centre and its bounding circle (radius
/// <see cref="HealpixMath.MaxPixelRadius"/> at the pixel's order).
/// </summary>
internal interface IPixelZone
{
    /// <summary>
    /// 0: the bounding circle misses the shape; 1: it overlaps but the centre is outside; 2: the centre is inside;
    /// 3: the whole bounding circle is inside.
    /// </summary>
    int Zone(int order, double z, double phi, double sth);
}
