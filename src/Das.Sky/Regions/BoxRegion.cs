using Das.Sky.Angles;
using Das.Sky.Frames;
using Das.Sky.Positions;

namespace Das.Sky.Regions;

/// <summary>
/// A box (ADQL <c>BOX</c>, STC <c>Box</c>): a centre and the full width along RA and height along Dec, each
/// measured along the great circle through the centre; the four sides are great circles.
/// </summary>
/// <remarks>
/// This is the STC definition, not an RA/Dec range: near the poles a box stays a box. A position is inside when its
/// gnomonic (tangent-plane) coordinates about the centre satisfy |ξ| ≤ tan(width/2) and |η| ≤ tan(height/2),
/// because the gnomonic projection maps great circles to straight lines.
/// </remarks>
public sealed record BoxRegion : ISkyRegion
{
    private readonly Vector3 _center;
    private readonly Vector3 _east;
    private readonly Vector3 _north;
    private readonly double _tanHalfWidth;
    private readonly double _tanHalfHeight;

    /// <summary>Initializes a new instance of the <see cref="BoxRegion"/> class.</summary>
    /// <param name="center">The centre.</param>
    /// <param name="width">Full width along RA (great-circle length through the centre), below 180°.</param>
    /// <param name="height">Full height along Dec, below 180°.</param>
    /// <exception cref="ArgumentOutOfRangeException">A side is negative or not below 180°.</exception>
    public BoxRegion(SkyPosition center, Angle width, Angle height)
    {
        if (!(width.Degrees >= 0 && width.Degrees < 180) || !(height.Degrees >= 0 && height.Degrees < 180))
        {
            throw new ArgumentOutOfRangeException(nameof(width), "Box sides are 0 to below 180 degrees.");
        }

        Center = center;
        Width = width;
        Height = height;
        _center = Vector3.FromLonLatDegrees(center.Ra, center.Dec);
        (double sinRa, double cosRa) = Math.SinCos(center.RaAngle.Radians);
        (double sinDec, double cosDec) = Math.SinCos(center.DecAngle.Radians);
        _east = new Vector3(-sinRa, cosRa, 0);
        _north = new Vector3(-sinDec * cosRa, -sinDec * sinRa, cosDec);
        _tanHalfWidth = Math.Tan(width.Radians / 2);
        _tanHalfHeight = Math.Tan(height.Radians / 2);
    }

    /// <summary>Gets the centre.</summary>
    public SkyPosition Center { get; }

    /// <summary>Gets the full width along RA.</summary>
    public Angle Width { get; }

    /// <summary>Gets the full height along Dec.</summary>
    public Angle Height { get; }

    /// <inheritdoc/>
    public bool Contains(SkyPosition position)
    {
        var p = Vector3.FromLonLatDegrees(position.Ra, position.Dec);
        double x = p.Dot(_center);
        if (x <= 0)
        {
            return false;
        }

        const double slack = 1e-15;
        return Math.Abs(p.Dot(_east)) <= (x * _tanHalfWidth) + slack && Math.Abs(p.Dot(_north)) <= (x * _tanHalfHeight) + slack;
    }
}
