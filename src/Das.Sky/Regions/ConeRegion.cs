using Das.Sky.Angles;
using Das.Sky.Positions;

namespace Das.Sky.Regions;

/// <summary>A cone (ADQL <c>CIRCLE</c>): every position within <see cref="Radius"/> of <see cref="Center"/>.</summary>
public sealed record ConeRegion : ISkyRegion
{
    /// <summary>Initializes a new instance of the <see cref="ConeRegion"/> class.</summary>
    /// <param name="center">The centre.</param>
    /// <param name="radius">The radius, 0° to 180°.</param>
    /// <exception cref="ArgumentOutOfRangeException">The radius is outside 0° to 180°.</exception>
    public ConeRegion(SkyPosition center, Angle radius)
    {
        if (!(radius.Degrees >= 0 && radius.Degrees <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius.Degrees, "A cone radius is 0 to 180 degrees.");
        }

        Center = center;
        Radius = radius;
    }

    /// <summary>Gets the centre.</summary>
    public SkyPosition Center { get; }

    /// <summary>Gets the radius.</summary>
    public Angle Radius { get; }

    /// <inheritdoc/>
    public bool Contains(SkyPosition position) => Center.SeparationTo(position).Degrees <= Radius.Degrees;
}
