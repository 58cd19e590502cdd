namespace Das.Sky.CrossMatch;

/// <summary>
/// Positions of catalogue B in declination zones, each zone sorted by RA, with unit vectors kept beside them so a
/// candidate costs one dot product. A query visits only the zones its disc touches and, in each, the RA window the
/// disc spans (found by binary search).
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
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _z;
    private readonly int[] _row;         // the B row each sorted entry came from
    private readonly double _zoneHeight; // degrees
    private readonly int _zoneCount;
    private readonly double _radiusDeg;
    private readonly double _radiusRad;
    private readonly double _cosRadius;

    private ZoneIndex(int[] zoneStart, double[] ra, double[] x, double[] y, double[] z, int[] row, double zoneHeight, int zoneCount, double radiusDeg)
    {
        _radiusDeg = radiusDeg;
        _radiusRad = radiusDeg * DegToRad;
        // The dot-product reject keeps a margin of 1e-12 (far above rounding, far below any radius's cosine step);
        // the exact separation then decides.
        _cosRadius = Math.Cos(_radiusRad) - 1e-12;
        _zoneStart = zoneStart;
        _ra = ra;
        _x = x;
        _y = y;
        _z = z;
        _row = row;
        _zoneHeight = zoneHeight;
        _zoneCount = zoneCount;
    }

    /// <summary>Number of indexed (valid) positions.</summary>
    public int Count => _row.Length;

    /// <summary>Indexes the valid positions of B (finite RA, Dec in [−90, 90]); the others can never match.</summary>
    public static ZoneIndex Build(ReadOnlySpan<double> ra, ReadOnlySpan<double> dec, double radiusDeg)
    {
        int zoneCount = (int)Math.Clamp(Math.Ceiling(180.0 / radiusDeg), 1, MaxZones);
        double zoneHeight = 180.0 / zoneCount;

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
            int zone = ZoneOf(dec[i], zoneHeight, zoneCount);
            zoneOf[i] = zone;
            start[zone + 1]++;
            valid++;
        }
        for (int z = 0; z < zoneCount; z++)
        {
            start[z + 1] += start[z];
        }

        var sortedRa = new double[valid];
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
            row[at] = i;
        }

        var x = new double[valid];
        var y = new double[valid];
        var zz = new double[valid];
        var decCopy = dec.ToArray();
        Parallel.For(0, zoneCount, new ParallelOptions { MaxDegreeOfParallelism = valid < 50_000 ? 1 : -1 }, zone =>
        {
            int from = start[zone], to = start[zone + 1];
            if (to - from > 1)
            {
                // Stable order for equal RA (duplicates): sort by RA, ties by row, so results do not depend on the sort.
                SortByRaThenRow(sortedRa.AsSpan(from, to - from), row.AsSpan(from, to - from));
            }
            for (int k = from; k < to; k++)
            {
                double d = decCopy[row[k]] * DegToRad, a = sortedRa[k] * DegToRad;
                double cd = Math.Cos(d);
                x[k] = cd * Math.Cos(a);
                y[k] = cd * Math.Sin(a);
                zz[k] = Math.Sin(d);
            }
        });
        return new ZoneIndex(start, sortedRa, x, y, zz, row, zoneHeight, zoneCount, radiusDeg);
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every indexed position within the index's radius of (ra, dec), with its B
    /// row and separation in radians. The caller passes only valid positions.
    /// </summary>
    public void Query<TVisitor>(double ra, double dec, ref TVisitor visit)
        where TVisitor : struct, IPairVisitor
    {
        double radiusDeg = _radiusDeg, cosRadius = _cosRadius;
        ra = NormaliseRa(ra);
        double d = dec * DegToRad, a = ra * DegToRad;
        double cd = Math.Cos(d);
        double qx = cd * Math.Cos(a), qy = cd * Math.Sin(a), qz = Math.Sin(d);

        double decLo = Math.Max(-90.0, dec - radiusDeg), decHi = Math.Min(90.0, dec + radiusDeg);
        int zoneLo = ZoneOf(decLo, _zoneHeight, _zoneCount), zoneHi = ZoneOf(decHi, _zoneHeight, _zoneCount);

        // Half-width in RA of the disc: asin(sin r / cos δ) is exact for a small circle not containing a pole.
        // Whole zones when the disc reaches a pole or spans half the sky.
        double halfWidth = 180.0;
        if (Math.Abs(dec) + radiusDeg < 89.999)
        {
            double s = Math.Sin(radiusDeg * DegToRad) / cd;
            if (s < 1.0)
            {
                // A small margin so rounding in asin can never drop a candidate on the edge; the dot product decides.
                halfWidth = (Math.Asin(s) / DegToRad * (1 + 1e-9)) + 1e-9;
            }
        }

        for (int zone = zoneLo; zone <= zoneHi; zone++)
        {
            int from = _zoneStart[zone], to = _zoneStart[zone + 1];
            if (from == to)
            {
                continue;
            }
            if (halfWidth >= 180.0)
            {
                Scan(from, to, qx, qy, qz, cosRadius, ref visit);
                continue;
            }
            double lo = ra - halfWidth, hi = ra + halfWidth;
            if (lo < 0)
            {
                ScanRa(from, to, lo + 360.0, 360.0, qx, qy, qz, cosRadius, ref visit);
                ScanRa(from, to, 0.0, hi, qx, qy, qz, cosRadius, ref visit);
            }
            else if (hi >= 360.0)
            {
                ScanRa(from, to, lo, 360.0, qx, qy, qz, cosRadius, ref visit);
                ScanRa(from, to, 0.0, hi - 360.0, qx, qy, qz, cosRadius, ref visit);
            }
            else
            {
                ScanRa(from, to, lo, hi, qx, qy, qz, cosRadius, ref visit);
            }
        }
    }

    private void ScanRa<TVisitor>(int from, int to, double lo, double hi, double qx, double qy, double qz, double cosRadius, ref TVisitor visit)
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
        Scan(first, last, qx, qy, qz, cosRadius, ref visit);
    }

    private void Scan<TVisitor>(int from, int to, double qx, double qy, double qz, double cosRadius, ref TVisitor visit)
        where TVisitor : struct, IPairVisitor
    {
        for (int k = from; k < to; k++)
        {
            double dot = (qx * _x[k]) + (qy * _y[k]) + (qz * _z[k]);
            // Cheap reject first (cosRadius carries a tiny margin); the exact separation decides at the edge.
            if (dot < cosRadius)
            {
                continue;
            }
            double cx = (qy * _z[k]) - (qz * _y[k]);
            double cy = (qz * _x[k]) - (qx * _z[k]);
            double cz = (qx * _y[k]) - (qy * _x[k]);
            // Vincenty's form: atan2(|a×b|, a·b) keeps full precision at every angle, unlike acos or the chord.
            double separation = Math.Atan2(Math.Sqrt((cx * cx) + (cy * cy) + (cz * cz)), dot);
            if (separation <= _radiusRad)
            {
                visit.Visit(_row[k], separation);
            }
        }
    }

    internal static bool IsValid(double ra, double dec) => double.IsFinite(ra) && dec >= -90.0 && dec <= 90.0;

    private static int ZoneOf(double dec, double zoneHeight, int zoneCount) =>
        Math.Clamp((int)((dec + 90.0) / zoneHeight), 0, zoneCount - 1);

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

    private static void SortByRaThenRow(Span<double> ra, Span<int> row)
    {
        ra.Sort(row);
        // Equal RAs: put their rows in ascending order (introsort is not stable).
        int i = 0;
        while (i < ra.Length)
        {
            int j = i + 1;
            while (j < ra.Length && ra[j] == ra[i])
            {
                j++;
            }
            if (j - i > 1)
            {
                row[i..j].Sort();
            }
            i = j;
        }
    }

    // Compares so that BinarySearch returns the first index whose RA is ≥ the bound (it never reports "equal").
    private readonly struct LowerBound(double bound) : IComparable<double>
    {
        public int CompareTo(double other) => other < bound ? 1 : -1;
    }
}
