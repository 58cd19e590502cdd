using System.Runtime.CompilerServices;

namespace Das.Sky.CrossMatch;

/// <summary>
/// Positions of catalogue B in declination zones, each zone sorted by RA. A query visits only the zones its disc
/// touches and, in each, the RA window the disc spans (found by binary search); only the few candidates there cost
/// trigonometry, so building the index is a counting sort and no per-row sine or cosine.
/// </summary>
/// <remarks>
/// Zones rather than HEALPix cells: a zone's RA window is one contiguous run of the sorted arrays, so a query is two
/// binary searches per zone instead of nine cell look-ups, and radii far larger than a cell need no special case.
/// The zone height equals the radius (bounded below so the zone table stays small), so a disc touches 2–3 zones.
/// </remarks>
internal sealed class ZoneIndex
{
    // At most 2^20 zones (0.62 arcsec each): below that, more zones only lengthen the offset table.
    private const int MaxZones = 1 << 20;
    private const double DegToRad = Math.PI / 180.0;

    private readonly int[] _zoneStart;   // zone z holds sorted entries [_zoneStart[z], _zoneStart[z + 1])
    private readonly double[] _ra;       // RA in [0, 360), ascending within a zone
    private readonly double[] _dec;      // Dec of the same entries
    private readonly int[] _row;         // the B row each sorted entry came from
    private readonly double _zoneHeight; // degrees
    private readonly int _zoneCount;
    private readonly double _radiusDeg;
    private readonly double _radiusRad;

    private readonly double _decMin;
    private readonly double _decMax;
    private readonly double _sinRadius;

    private ZoneIndex(int[] zoneStart, double[] ra, double[] dec, int[] row, double decMin, double decMax, double zoneHeight, int zoneCount, double radiusDeg)
    {
        _decMin = decMin;
        _decMax = decMax;
        _sinRadius = Math.Sin(radiusDeg * DegToRad);
        _radiusDeg = radiusDeg;
        _radiusRad = radiusDeg * DegToRad;
        _dec = dec;
        _zoneStart = zoneStart;
        _ra = ra;
        _row = row;
        _zoneHeight = zoneHeight;
        _zoneCount = zoneCount;
    }

    /// <summary>Number of indexed (valid) positions.</summary>
    public int Count => _row.Length;

    // The hot methods are compiled fully optimised at once: a command-line run matches once, and tiered JIT would
    // otherwise spend much of that run in unoptimised code.
    /// <summary>Indexes the valid positions of B (finite RA, Dec in [−90, 90]); the others can never match.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ZoneIndex Build(ReadOnlySpan<double> ra, ReadOnlySpan<double> dec, double radiusDeg)
    {
        // Zones cover only the Dec range the catalogue spans: a field of a few degrees then has a zone table small
        // enough to stay in cache while the other catalogue is streamed past it in random order.
        double decMin = 90.0, decMax = -90.0;
        for (int i = 0; i < ra.Length; i++)
        {
            if (IsValid(ra[i], dec[i]))
            {
                decMin = Math.Min(decMin, dec[i]);
                decMax = Math.Max(decMax, dec[i]);
            }
        }
        if (decMin > decMax)
        {
            decMin = decMax = 0.0; // nothing valid: one empty zone
        }
        double span = Math.Max(decMax - decMin, radiusDeg);
        int zoneCount = (int)Math.Clamp(Math.Ceiling(span / radiusDeg), 1, MaxZones);
        double zoneHeight = span / zoneCount;

        // Counting sort by zone, then a sort by RA inside each zone.
        var zoneOf = new int[ra.Length];
        var start = new int[zoneCount + 1];
        int valid = 0;
        for (int i = 0; i < ra.Length; i++)
        {
            if (!IsValid(ra[i], dec[i]))
            {
                zoneOf[i] = -1;
                continue;
            }
            int zone = ZoneOf(dec[i], decMin, zoneHeight, zoneCount);
            zoneOf[i] = zone;
            start[zone + 1]++;
            valid++;
        }
        for (int z = 0; z < zoneCount; z++)
        {
            start[z + 1] += start[z];
        }

        var sortedRa = new double[valid];
        var sortedDec = new double[valid];
        var row = new int[valid];
        var fill = start[..zoneCount];
        for (int i = 0; i < ra.Length; i++)
        {
            int zone = zoneOf[i];
            if (zone < 0)
            {
                continue;
            }
            int at = fill[zone]++;
            sortedRa[at] = NormaliseRa(ra[i]);
            sortedDec[at] = dec[i];
            row[at] = i;
        }

        // Zones are sorted independently, in ranges so each worker takes many small zones at once.
        int rangeSize = Math.Max(64, zoneCount / (Environment.ProcessorCount * 8));
        int ranges = (zoneCount + rangeSize - 1) / rangeSize;
        Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = valid < 50_000 ? 1 : -1 }, r =>
        {
            int zoneEnd = Math.Min(zoneCount, (r + 1) * rangeSize);
            for (int zone = r * rangeSize; zone < zoneEnd; zone++)
            {
                int from = start[zone], to = start[zone + 1];
                if (to - from > 1)
                {
                    SortZone(sortedRa.AsSpan(from, to - from), sortedDec.AsSpan(from, to - from), row.AsSpan(from, to - from));
                }
            }
        });
        return new ZoneIndex(start, sortedRa, sortedDec, row, decMin, decMax, zoneHeight, zoneCount, radiusDeg);
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every indexed position within the index's radius of (ra, dec), with its B
    /// row and separation in radians. The caller passes only valid positions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Query<TVisitor>(double ra, double dec, ref TVisitor visit)
        where TVisitor : struct, IPairVisitor
    {
        double radiusDeg = _radiusDeg;
        ra = NormaliseRa(ra);

        double decLo = dec - radiusDeg, decHi = dec + radiusDeg;
        if (decHi < _decMin || decLo > _decMax || Count == 0)
        {
            return;
        }
        int zoneLo = ZoneOf(decLo, _decMin, _zoneHeight, _zoneCount), zoneHi = ZoneOf(decHi, _decMin, _zoneHeight, _zoneCount);

        // Half-width in RA of the disc: asin(sin r / cos δ) is exact for a small circle not containing a pole.
        // Whole zones when the disc reaches a pole or spans half the sky.
        double halfWidth = 180.0;
        if (Math.Abs(dec) + radiusDeg < 89.999)
        {
            double s = _sinRadius / Math.Cos(dec * DegToRad);
            // asin(s) ≤ s(1 + s²) for s ≤ 0.5, so small discs need no asin; the margins only widen the window, and the
            // exact separation decides.
            double w = s <= 0.5 ? s * (1 + (s * s)) : s < 1.0 ? Math.Asin(s) : double.PositiveInfinity;
            halfWidth = Math.Min(180.0, (w / DegToRad * (1 + 1e-9)) + 1e-9);
        }
        var query = new QueryPoint(ra, dec);

        for (int zone = zoneLo; zone <= zoneHi; zone++)
        {
            int from = _zoneStart[zone], to = _zoneStart[zone + 1];
            if (from == to)
            {
                continue;
            }
            if (halfWidth >= 180.0)
            {
                Scan(from, to, in query, ref visit);
                continue;
            }
            double lo = ra - halfWidth, hi = ra + halfWidth;
            if (lo < 0)
            {
                ScanRa(from, to, lo + 360.0, 360.0, in query, ref visit);
                ScanRa(from, to, 0.0, hi, in query, ref visit);
            }
            else if (hi >= 360.0)
            {
                ScanRa(from, to, lo, 360.0, in query, ref visit);
                ScanRa(from, to, 0.0, hi - 360.0, in query, ref visit);
            }
            else
            {
                ScanRa(from, to, lo, hi, in query, ref visit);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanRa<TVisitor>(int from, int to, double lo, double hi, in QueryPoint query, ref TVisitor visit)
        where TVisitor : struct, IPairVisitor
    {
        // First entry with RA ≥ lo; the scan stops past hi (the intervals split at 0/360 never overlap).
        int first = _ra.AsSpan(from, to - from).BinarySearch(new LowerBound(lo));
        first = from + (first < 0 ? ~first : first);
        int last = first;
        while (last < to && _ra[last] <= hi)
        {
            last++;
        }
        Scan(first, last, in query, ref visit);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scan<TVisitor>(int from, int to, in QueryPoint query, ref TVisitor visit)
        where TVisitor : struct, IPairVisitor
    {
        for (int k = from; k < to; k++)
        {
            // Cheap reject first: a zone is taller than the disc's own Dec range near its edges.
            if (Math.Abs(_dec[k] - query.Dec) > _radiusDeg)
            {
                continue;
            }
            double separation = query.SeparationTo(_ra[k], _dec[k]);
            if (separation <= _radiusRad)
            {
                visit.Visit(_row[k], separation);
            }
        }
    }

    internal static bool IsValid(double ra, double dec) => double.IsFinite(ra) && dec >= -90.0 && dec <= 90.0;

    private static int ZoneOf(double dec, double decMin, double zoneHeight, int zoneCount) =>
        Math.Clamp((int)((dec - decMin) / zoneHeight), 0, zoneCount - 1);

    private static double NormaliseRa(double ra)
    {
        if (ra is >= 0.0 and < 360.0)
        {
            return ra;
        }
        double r = ra % 360.0;
        if (r < 0)
        {
            r += 360.0;
        }
        // -1e-17 % 360 + 360 rounds to 360.0 itself.
        return r >= 360.0 ? 0.0 : r;
    }

    // Sorts one zone by RA, ties (duplicate positions) by row, so results never depend on the sort's stability.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortZone(Span<double> ra, Span<double> dec, Span<int> row)
    {
        if (ra.Length > 32)
        {
            SortLongZone(ra, dec, row);
            return;
        }
        // Zones are usually short (the zone height is the radius): insertion sort, moving the three arrays together.
        for (int i = 1; i < ra.Length; i++)
        {
            double r = ra[i], d = dec[i];
            int w = row[i];
            int j = i - 1;
            while (j >= 0 && (ra[j] > r || (ra[j] == r && row[j] > w)))
            {
                ra[j + 1] = ra[j];
                dec[j + 1] = dec[j];
                row[j + 1] = row[j];
                j--;
            }
            ra[j + 1] = r;
            dec[j + 1] = d;
            row[j + 1] = w;
        }
    }

    private static void SortLongZone(Span<double> ra, Span<double> dec, Span<int> row)
    {
        double[] r = ra.ToArray(), d = dec.ToArray();
        int[] w = row.ToArray();
        var order = new int[ra.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (x, y) => r[x] != r[y] ? r[x].CompareTo(r[y]) : w[x].CompareTo(w[y]));
        for (int i = 0; i < order.Length; i++)
        {
            ra[i] = r[order[i]];
            dec[i] = d[order[i]];
            row[i] = w[order[i]];
        }
    }

    // Compares so that BinarySearch returns the first index whose RA is ≥ the bound (it never reports "equal").
    private readonly struct LowerBound(double bound) : IComparable<double>
    {
        public int CompareTo(double other) => other < bound ? 1 : -1;
    }
}
