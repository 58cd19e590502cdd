using Das.Sky.Angles;
using Das.Sky.Positions;
using Das.Sky.Regions;

namespace Das.Sky.Tests.Regions;

public sealed class RegionTests
{
    [Fact]
    public void Cone_contains_points_within_its_radius()
    {
        var cone = new ConeRegion(new SkyPosition(10, 20), Angle.FromArcminutes(5));
        Assert.True(cone.Contains(new SkyPosition(10, 20 + (4.99 / 60))));
        Assert.False(cone.Contains(new SkyPosition(10, 20 + (5.01 / 60))));
        Assert.True(cone.Contains(new SkyPosition(10 + (4.9 / 60 / Math.Cos(20 * Math.PI / 180)), 20)));
    }

    [Fact]
    public void Cone_across_ra_zero_contains_both_sides()
    {
        var cone = new ConeRegion(new SkyPosition(0.01, 0), Angle.FromDegrees(1));
        Assert.True(cone.Contains(new SkyPosition(359.5, 0)));
        Assert.True(cone.Contains(new SkyPosition(0.5, 0)));
        Assert.False(cone.Contains(new SkyPosition(358.9, 0)));
    }

    [Fact]
    public void Box_width_is_measured_along_the_great_circle_through_the_centre()
    {
        var centre = new SkyPosition(100, 60);
        var box = new BoxRegion(centre, Angle.FromDegrees(2), Angle.FromDegrees(1));

        // 0.99° east along the great circle through the centre is inside; in RA that is about 1.98°.
        Assert.True(box.Contains(centre.Offset(Angle.FromDegrees(0.99), Angle.FromDegrees(90))));
        Assert.False(box.Contains(centre.Offset(Angle.FromDegrees(1.01), Angle.FromDegrees(90))));
        Assert.True(box.Contains(centre.Offset(Angle.FromDegrees(0.49), Angle.FromDegrees(180))));
        Assert.False(box.Contains(centre.Offset(Angle.FromDegrees(0.51), Angle.FromDegrees(0))));
        Assert.False(box.Contains(new SkyPosition(280, -60)));
    }

    [Fact]
    public void Box_around_the_pole_is_symmetric()
    {
        var box = new BoxRegion(new SkyPosition(0, 90), Angle.FromDegrees(4), Angle.FromDegrees(4));
        Assert.True(box.Contains(new SkyPosition(0, 88.1)));
        Assert.True(box.Contains(new SkyPosition(90, 88.1)));
        Assert.True(box.Contains(new SkyPosition(217, 88.1)));
        Assert.True(box.Contains(new SkyPosition(45, 87.5)));
        Assert.False(box.Contains(new SkyPosition(45, 86.9)));
        Assert.False(box.Contains(new SkyPosition(90, 87.9)));
    }

    [Fact]
    public void Polygon_edges_are_great_circles()
    {
        // Two vertices at the same Dec: the great-circle edge bulges towards the pole, beyond Dec 60.
        var polygon = new PolygonRegion([new SkyPosition(0, 60), new SkyPosition(40, 60), new SkyPosition(20, 40)]);
        Assert.True(polygon.Contains(new SkyPosition(20, 50)));
        Assert.True(polygon.Contains(new SkyPosition(20, 61)));
        Assert.False(polygon.Contains(new SkyPosition(20, 63)));
        Assert.False(polygon.Contains(new SkyPosition(200, -50)));
    }

    [Fact]
    public void Polygon_contains_the_same_region_whatever_the_vertex_order()
    {
        SkyPosition[] square = [new(359, -1), new(1, -1), new(1, 1), new(359, 1)];
        var forward = new PolygonRegion(square);
        var backward = new PolygonRegion([.. square.Reverse()]);
        foreach (SkyPosition p in new SkyPosition[] { new(0, 0), new(0.5, 0.5), new(2, 0), new(180, 0), new(359.5, -0.9) })
        {
            Assert.Equal(forward.Contains(p), backward.Contains(p));
        }

        Assert.True(forward.Contains(new SkyPosition(0, 0)));
        Assert.False(forward.Contains(new SkyPosition(2, 0)));
    }

    [Fact]
    public void Polygon_needs_three_vertices()
    {
        Assert.Throws<ArgumentException>(() => new PolygonRegion([new SkyPosition(0, 0), new SkyPosition(1, 1)]));
    }
}
