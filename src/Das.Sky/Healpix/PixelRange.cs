namespace Das.Sky.Healpix;

/// <summary>A half-open run of pixel numbers <c>[Start, End)</c> at one order and scheme.</summary>
/// <param name="Start">The first pixel of the run.</param>
/// <param name="End">One past the last pixel of the run.</param>
public readonly record struct PixelRange(long Start, long End)
{
    /// <summary>Gets the number of pixels in the run.</summary>
    public long Count => End - Start;
}
