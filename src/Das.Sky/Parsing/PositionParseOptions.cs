using Das.Sky.Frames;

namespace Das.Sky.Parsing;

/// <summary>How <see cref="PositionParser"/> reads a position.</summary>
public sealed record PositionParseOptions
{
    /// <summary>Gets the default options: ICRS input, RA unit decided by the notation.</summary>
    public static PositionParseOptions Default { get; } = new();

    /// <summary>Gets the frame the text is written in; the result is always converted to ICRS.</summary>
    /// <value>Default <see cref="SkyFrame.Icrs"/>. IAU designations (<c>J…</c>) are always ICRS and B-designations FK4.</value>
    public SkyFrame Frame { get; init; } = SkyFrame.Icrs;

    /// <summary>Gets how an RA without unit letters is read; ignored for galactic and ecliptic input (always degrees).</summary>
    /// <value>Default <see cref="RaUnit.Auto"/>: sexagesimal is hours, a single decimal number is degrees.</value>
    public RaUnit RaUnit { get; init; } = RaUnit.Auto;
}
