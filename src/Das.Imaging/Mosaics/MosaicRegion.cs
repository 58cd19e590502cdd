namespace Das.Imaging.Mosaics;

/// <summary>A rectangle on the sky for a mosaic, north up: centre and full sizes in degrees.</summary>
/// <param name="RaDeg">Centre right ascension (ICRS), degrees.</param>
/// <param name="DecDeg">Centre declination, degrees.</param>
/// <param name="WidthDeg">Full width, degrees (at most 10).</param>
/// <param name="HeightDeg">Full height, degrees (at most 10).</param>
public sealed record MosaicRegion(double RaDeg, double DecDeg, double WidthDeg, double HeightDeg);
