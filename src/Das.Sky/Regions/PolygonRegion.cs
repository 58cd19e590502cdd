using Das.Sky.Frames;
using Das.Sky.Positions;

namespace Das.Sky.Regions;

/// <summary>
/// A polygon (ADQL <c>POLYGON</c>) whose edges are great-circle arcs between consecutive vertices.
/// </summary>
/// <remarks>
/// The polygon must fit in the hemisphere around the mean of its vertices (every practical footprint does);
/// the region is the smaller side whatever the vertex order. Containment is decided in the gnomonic projection
/// about that mean direction, where the great-circle edges are straight lines, by the even-odd rule.
/// </remarks>
public sealed class PolygonRegion : ISkyRegion
{
    private readonly Vector3 _axis;
    private readonly Vector3 _east;
    private readonly Vector3 _north;
    private readonly double[] _xs;
    private readonly double[] _ys;

    /// <summary>Initializes a new instance of the <see cref="PolygonRegion"/> class.</summary>
    /// <param name="vertices">Three or more vertices in order (either direction).</param>
    /// <exception cref="ArgumentException">Fewer than three vertices, or a vertex outside the hemisphere.</exception>
    public PolygonRegion(IReadOnlyList<SkyPosition> vertices)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        if (vertices.Count < 3)
        {
            throw new ArgumentException("A polygon needs at least three vertices.", nameof(vertices));
        }

        Vertices = [.. vertices];
        var sum = new Vector3(0, 0, 0);
        foreach (SkyPosition v in Vertices)
        {
            sum += Vector3.FromLonLatDegrees(v.Ra, v.Dec);
        }

        if (sum.Norm() < 1e-12)
        {
            throw new ArgumentException("The polygon's vertices do not fit in a hemisphere.", nameof(vertices));
        }

        _axis = sum.Normalized();
        var pole = Math.Abs(_axis.Z) < 0.9 ? new Vector3(0, 0, 1) : new Vector3(1, 0, 0);
        _east = pole.Cross(_axis).Normalized();
        _north = _axis.Cross(_east);
        _xs = new double[Vertices.Count];
        _ys = new double[Vertices.Count];
        for (int i = 0; i < Vertices.Count; i++)
        {
            var p = Vector3.FromLonLatDegrees(Vertices[i].Ra, Vertices[i].Dec);
            double z = p.Dot(_axis);
            if (z <= 1e-12)
            {
                throw new ArgumentException("The polygon's vertices do not fit in a hemisphere.", nameof(vertices));
            }

            _xs[i] = p.Dot(_east) / z;
            _ys[i] = p.Dot(_north) / z;
        }
    }

    /// <summary>Gets the vertices in the order given.</summary>
    public IReadOnlyList<SkyPosition> Vertices { get; }

    /// <inheritdoc/>
    public bool Contains(SkyPosition position)
    {
        var p = Vector3.FromLonLatDegrees(position.Ra, position.Dec);
        double z = p.Dot(_axis);
        if (z <= 0)
        {
            return false;
        }

        double x = p.Dot(_east) / z;
        double y = p.Dot(_north) / z;
        bool inside = false;
        for (int i = 0, j = _xs.Length - 1; i < _xs.Length; j = i++)
        {
            double xi = _xs[i], yi = _ys[i], xj = _xs[j], yj = _ys[j];

            // On an edge counts as inside.
            double cross = ((xj - xi) * (y - yi)) - ((yj - yi) * (x - xi));
            if (Math.Abs(cross) < 1e-14 && x >= Math.Min(xi, xj) - 1e-14 && x <= Math.Max(xi, xj) + 1e-14
                && y >= Math.Min(yi, yj) - 1e-14 && y <= Math.Max(yi, yj) + 1e-14)
            {
                return true;
            }

            if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
