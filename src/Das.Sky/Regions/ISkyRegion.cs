using Das.Sky.Positions;

namespace Das.Sky.Regions;

/// <summary>A region of the sky in ICRS that can tell whether it contains a position.</summary>
public interface ISkyRegion
{
    /// <summary>Tests whether <paramref name="position"/> lies inside the region (the boundary counts as inside).</summary>
    /// <param name="position">The ICRS position.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    bool Contains(SkyPosition position);
}
