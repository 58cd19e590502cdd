using BenchmarkDotNet.Attributes;
using Das.Sky.Healpix;

namespace Das.Benchmarks.Sky;

/// <summary>
/// HEALPix throughput, compared with astropy-healpix and healpy by bench/sky/run-healpix.sh (which runs
/// bench/sky/astropy_healpix.py on the same points and discs).
/// </summary>
[MemoryDiagnoser]
public class HealpixBenchmarks
{
    private const int PointCount = 1_000_000;
    private const double ConeRa = 83.6331;
    private const double ConeDec = 22.0145;

    private double[] _ra = [];
    private double[] _dec = [];
    private long[] _pixels = [];

    /// <summary>
    /// The benchmark points, identical in astropy_healpix.py: a Fibonacci sphere of 10^6 points (uniform on the
    /// sky), visited in a scrambled order (index i·611953 mod 10^6) so that consecutive points are far apart.
    /// </summary>
    public static (double[] Ra, double[] Dec) Points()
    {
        var ra = new double[PointCount];
        var dec = new double[PointCount];
        var golden = 180.0 * (3.0 - Math.Sqrt(5.0));
        for (long i = 0; i < PointCount; i++)
        {
            var k = i * 611953 % PointCount;
            dec[i] = Math.Asin((2.0 * (k + 0.5) / PointCount) - 1.0) * 180.0 / Math.PI;
            ra[i] = k * golden % 360.0;
        }

        return (ra, dec);
    }

    [GlobalSetup]
    public void Setup()
    {
        (_ra, _dec) = Points();
        _pixels = new long[PointCount];
    }

    [Benchmark(OperationsPerInvoke = PointCount)]
    public void Ang2PixNestedOrder10() => HealpixGrid.Ang2Pix(10, _ra, _dec, _pixels, HealpixScheme.Nested);

    [Benchmark(OperationsPerInvoke = PointCount)]
    public void Ang2PixNestedOrder29() => HealpixGrid.Ang2Pix(29, _ra, _dec, _pixels, HealpixScheme.Nested);

    [Benchmark(OperationsPerInvoke = PointCount)]
    public void Ang2PixRingOrder10() => HealpixGrid.Ang2Pix(10, _ra, _dec, _pixels, HealpixScheme.Ring);

    [Benchmark]
    public long[] QueryDisc1DegOrder10() => HealpixGrid.QueryDisc(10, ConeRa, ConeDec, 1.0, HealpixScheme.Nested);

    [Benchmark]
    public PixelRange[] QueryDiscRanges1DegOrder10() => HealpixGrid.QueryDiscRanges(10, ConeRa, ConeDec, 1.0, HealpixScheme.Nested);

    [Benchmark]
    public long[] QueryDiscRing1DegOrder10() => HealpixGrid.QueryDisc(10, ConeRa, ConeDec, 1.0, HealpixScheme.Ring);

    [Benchmark]
    public long[] QueryDisc10DegOrder10() => HealpixGrid.QueryDisc(10, ConeRa, ConeDec, 10.0, HealpixScheme.Nested);

    [Benchmark]
    public long[] QueryDisc1ArcminOrder16() => HealpixGrid.QueryDisc(16, ConeRa, ConeDec, 1.0 / 60, HealpixScheme.Nested);
}
