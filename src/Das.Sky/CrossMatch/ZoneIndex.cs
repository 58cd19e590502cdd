using Das.Threading;

namespace Das.Sky.CrossMatch;

/// <summary>
/// Positions of one catalogue (the smaller of the two) in declination zones, each zone sorted by RA. A query visits
/// only the zones its disc touches and, in each, the RA window the disc spans (found by binary search); building the
/// index is a counting sort, and a query costs no trigonometry: the RA half-width of a disc is bounded per zone once.
/// </summary>
/// <remarks>
/// Zones rather than HEALPix cells: a zone's RA window is one contiguous run of the sorted entries, so a query is two
/// binary searches per zone instead of nine cell look-ups, and radii far larger than a cell need no special case.
/// The zone height equals the radius (bounded below so the zone table stays small), so a disc touches 2–3 zones.
/// Entries keep RA, Dec and row together so a candidate is one cache line.
/// </remarks>
internal sealed class ZoneIndex
{
    // At most 2^20 zones (0.62 arcsec each): below that, more zones only lengthen the offset table.
    private const int MaxZones = 1 << 20;
    private const double DegToRad = Math.PI / 180.0;

    private readonly int[] _zoneStart;     // zone z holds sorted entries [_zoneStart[z], _zoneStart[z + 1])
    private readonly Entry[] _entries;     // RA in [0, 360) ascending within a zone, Dec, source row
    private readonly double[] _halfWidth;  // per zone: an upper bound of the RA half-width (degrees) of any disc that reaches it
    private readonly double _zoneHeight;   // degrees
    private readonly double _zonesPerDegree;
    private readonly int _zoneCount;
    private readonly double _radiusDeg;
    private readonly double _decMin;
    private readonly double _decMax;
    private readonly OccupancyFilter? _occupied; // which (zone, RA cell) hold an entry; null when it would not help

    private ZoneIndex(int[] zoneStart, Entry[] entries, double decMin, double decMax, double zoneHeight, int zoneCount, double radiusDeg)
    {
        _decMin = decMin;
        _decMax = decMax;
        _radiusDeg = radiusDeg;
        _zoneStart = zoneStart;
        _entries = entries;
        _zoneHeight = zoneHeight;
        _zonesPerDegree = 1.0 / zoneHeight;
        _zoneCount = zoneCount;
        _halfWidth = new double[zoneCount];
        double sinRadius = Math.Sin(radiusDeg * DegToRad);
        for (int z = 0; z < zoneCount; z++)
        {
            // A disc reaches zone z only if its centre lies within the radius of the zone (one more zone height of
            // margin covers rounding in ZoneOf). Its RA half-width asin(sin r / cos δ) grows with |δ|, so the widest
            // |δ| of that band bounds it; a band that comes near a pole scans whole zones.
            double lo = decMin + (z * zoneHeight) - radiusDeg - zoneHeight, hi = decMin + ((z + 1) * zoneHeight) + radiusDeg + zoneHeight;
            double widest = Math.Max(Math.Abs(lo), Math.Abs(hi));
            double halfWidth = 180.0;
            if (widest + radiusDeg < 89.999)
            {
                double sine = sinRadius / Math.Cos(widest * DegToRad);
                if (sine < 1.0)
                {
                    halfWidth = Math.Min(180.0, (Math.Asin(sine) / DegToRad * (1 + 1e-9)) + 1e-9);
                }
            }
            _halfWidth[z] = halfWidth;
        }
        _occupied = OccupancyFilter.Build(entries, zoneStart, zoneCount, _halfWidth);
    }

    /// <summary>Number of indexed (valid) positions.</summary>
    public int Count => _entries.Length;

    /// <summary>Whether lookups first ask the occupancy bits (a sparse index); for tests.</summary>
    internal bool FiltersEmptyLookups => _occupied is not null;

    // No [MethodImpl(AggressiveOptimization)] here: it would bar the ReadyToRun code the CLI is published with and
    // make every run JIT these methods (measured: no faster, often slower, in a one-shot das xmatch).
    /// <summary>Indexes the valid positions (finite RA, Dec in [−90, 90]); the others can never match.</summary>
    public static ZoneIndex Build(double[] ra, double[] dec, double radiusDeg) => Build(SkyPositions.FromArrays(ra, dec), radiusDeg);

    /// <summary>
    /// Indexes the valid positions (finite RA, Dec in [−90, 90]), read where they are (chunk by chunk: no copy of the
    /// columns, no per-row scratch array; on a virtual machine every fresh page costs a fault of ~11 µs).
    /// </summary>
    public static ZoneIndex Build(SkyPositions positions, double radiusDeg)
    {
        // Zones cover only the Dec range the catalogue spans: a field of a few degrees then has a zone table small
        // enough to stay in cache while the other catalogue is streamed past it in random order.
        double decMin = 90.0, decMax = -90.0;
        for (int c = 0; c < positions.Ra.Count; c++)
        {
            var ra = positions.Ra[c].Span;
            var dec = positions.Dec[c].Span;
            for (int i = 0; i < ra.Length; i++)
            {
                if (IsValid(ra[i], dec[i]))
                {
                    decMin = Math.Min(decMin, dec[i]);
                    decMax = Math.Max(decMax, dec[i]);
                }
            }
        }
        if (decMin > decMax)
        {
            decMin = decMax = 0.0; // nothing valid: one empty zone
        }
        double span = Math.Max(decMax - decMin, radiusDeg);
        int zoneCount = (int)Math.Clamp(Math.Ceiling(span / radiusDeg), 1, MaxZones);
        double zoneHeight = span / zoneCount;
        double zonesPerDegree = 1.0 / zoneHeight;

        // Counting sort by zone (the zone computed twice rather than kept per row), then a sort by RA inside each zone.
        var start = new int[zoneCount + 1];
        int valid = 0;
        for (int c = 0; c < positions.Ra.Count; c++)
        {
            var ra = positions.Ra[c].Span;
            var dec = positions.Dec[c].Span;
            for (int i = 0; i < ra.Length; i++)
            {
                if (IsValid(ra[i], dec[i]))
                {
                    start[ZoneOf(dec[i], decMin, zonesPerDegree, zoneCount) + 1]++;
                    valid++;
                }
            }
        }
        for (int z = 0; z < zoneCount; z++)
        {
            start[z + 1] += start[z];
        }

        var entries = new Entry[valid];
        var fill = start[..zoneCount];
        int row = 0;
        for (int c = 0; c < positions.Ra.Count; c++)
        {
            var ra = positions.Ra[c].Span;
            var dec = positions.Dec[c].Span;
            for (int i = 0; i < ra.Length; i++, row++)
            {
                if (IsValid(ra[i], dec[i]))
                {
                    entries[fill[ZoneOf(dec[i], decMin, zonesPerDegree, zoneCount)]++] = new Entry(NormaliseRa(ra[i]), dec[i], row);
                }
            }
        }

        // Zones are sorted independently, in ranges so each worker takes many small zones at once. Below 10^6 entries
        // (zones of a few entries, about a millisecond) the calling thread does it alone.
        int rangeSize = Math.Max(64, zoneCount / (Environment.ProcessorCount * 8));
        int ranges = (zoneCount + rangeSize - 1) / rangeSize;
        ForkJoin.For(ranges, r => SortZones(entries, start, r * rangeSize, Math.Min(zoneCount, (r + 1) * rangeSize)), maxThreads: valid < 1_000_000 ? 1 : 0);
        return new ZoneIndex(start, entries, decMin, decMax, zoneHeight, zoneCount, radiusDeg);
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every indexed entry whose Dec is within the radius of <paramref name="dec"/>
    /// and whose RA is inside the disc's RA window: a superset of the entries within the radius, each once. The
    /// caller passes only valid positions, RA already in [0, 360) (<see cref="NormaliseRa"/>).
    /// </summary>
    public void Query<TVisitor>(double ra, double dec, ref TVisitor visit)
        where TVisitor : struct, ICandidateVisitor
    {
        double radiusDeg = _radiusDeg;
        double decLo = dec - radiusDeg, decHi = dec + radiusDeg;
        if (decHi < _decMin || decLo > _decMax)
        {
            return;
        }
        int zoneLo = ZoneOf(decLo, _decMin, _zonesPerDegree, _zoneCount), zoneHi = ZoneOf(decHi, _decMin, _zonesPerDegree, _zoneCount);
        if (_occupied is { } occupied && occupied.IsEmpty(ra, zoneLo, zoneHi))
        {
            return;
        }
        for (int zone = zoneLo; zone <= zoneHi; zone++)
        {
            int from = _zoneStart[zone], to = _zoneStart[zone + 1];
            if (from == to)
            {
                continue;
            }
            double halfWidth = _halfWidth[zone];
            if (halfWidth >= 180.0)
            {
                Scan(from, to, dec, ref visit);
                continue;
            }
            double lo = ra - halfWidth, hi = ra + halfWidth;
            if (lo < 0)
            {
                ScanRa(from, to, lo + 360.0, 360.0, dec, ref visit);
                ScanRa(from, to, 0.0, hi, dec, ref visit);
            }
            else if (hi >= 360.0)
            {
                ScanRa(from, to, lo, 360.0, dec, ref visit);
                ScanRa(from, to, 0.0, hi - 360.0, dec, ref visit);
            }
            else
            {
                ScanRa(from, to, lo, hi, dec, ref visit);
            }
        }
    }

    private void ScanRa<TVisitor>(int from, int to, double lo, double hi, double dec, ref TVisitor visit)
        where TVisitor : struct, ICandidateVisitor
    {
        // First entry with RA ≥ lo (lower bound); the scan stops past hi (the intervals split at 0/360 never overlap).
        var entries = _entries;
        int first = from, count = to - from;
        while (count > 0)
        {
            int half = count >> 1;
            if (entries[first + half].Ra < lo)
            {
                first += half + 1;
                count -= half + 1;
            }
            else
            {
                count = half;
            }
        }
        for (int k = first; k < to; k++)
        {
            ref readonly var e = ref entries[k];
            if (e.Ra > hi)
            {
                break;
            }
            // A zone is taller than the disc's own Dec range near its edges.
            if (Math.Abs(e.Dec - dec) <= _radiusDeg)
            {
                visit.Visit(e.Row, e.Ra, e.Dec);
            }
        }
    }

    private void Scan<TVisitor>(int from, int to, double dec, ref TVisitor visit)
        where TVisitor : struct, ICandidateVisitor
    {
        var entries = _entries;
        for (int k = from; k < to; k++)
        {
            ref readonly var e = ref entries[k];
            if (Math.Abs(e.Dec - dec) <= _radiusDeg)
            {
                visit.Visit(e.Row, e.Ra, e.Dec);
            }
        }
    }

    internal static bool IsValid(double ra, double dec) => double.IsFinite(ra) && dec >= -90.0 && dec <= 90.0;

    // One function for building and querying, so an entry and a query at the same Dec always agree on the zone (a
    // multiplication, not a division: it runs twice per query).
    private static int ZoneOf(double dec, double decMin, double zonesPerDegree, int zoneCount) =>
        Math.Clamp((int)((dec - decMin) * zonesPerDegree), 0, zoneCount - 1);

    internal static double NormaliseRa(double ra)
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

    private static void SortZones(Entry[] entries, int[] start, int zoneFrom, int zoneTo)
    {
        for (int zone = zoneFrom; zone < zoneTo; zone++)
        {
            int from = start[zone], to = start[zone + 1];
            if (to - from > 1)
            {
                SortZone(entries.AsSpan(from, to - from));
            }
        }
    }

    // Sorts one zone by RA, ties (duplicate positions) by row, so results never depend on the sort's stability.
    private static void SortZone(Span<Entry> zone)
    {
        if (zone.Length > 32)
        {
            zone.Sort(static (x, y) => x.Ra != y.Ra ? x.Ra.CompareTo(y.Ra) : x.Row.CompareTo(y.Row));
            return;
        }
        // Zones are usually short (the zone height is the radius): insertion sort.
        for (int i = 1; i < zone.Length; i++)
        {
            var e = zone[i];
            int j = i - 1;
            while (j >= 0 && (zone[j].Ra > e.Ra || (zone[j].Ra == e.Ra && zone[j].Row > e.Row)))
            {
                zone[j + 1] = zone[j];
                j--;
            }
            zone[j + 1] = e;
        }
    }

    private readonly record struct Entry(double Ra, double Dec, int Row);

    /// <summary>
    /// One bit per (RA cell, zone): set when the zone holds an entry in that RA cell. When the indexed catalogue is
    /// sparse at the scale of the radius (the usual case: 10^5 sources in a field of degrees, matched at 1″) nearly
    /// every lookup of the other catalogue finds nothing, and this answers it from one cache line instead of a
    /// binary search in each of the 2-3 zones (three scattered reads each). Bits of neighbouring zones of one cell
    /// are adjacent, so a lookup's zones are one word. Never says "empty" wrongly: an entry within the radius lies in
    /// one of the lookup's zones and within the widest RA half-width of any zone (<c>halfWidth</c>, degrees), so in
    /// one of the cells tested.
    /// </summary>
    private sealed class OccupancyFilter(ulong[] bits, int zoneCount, int cellCount, double raMin, double raMax, double cellsPerDegree, double halfWidth)
    {
        // At most 2^22 bits (512 KB): it stays in the L2 cache while the other catalogue streams past, and is cheap
        // to fault in (4 MB cost as much in page faults, ~11 µs a page here, as it saved in lookups). Coarser cells
        // only set more bits: 10^5 entries over 36 000 zones × 116 cells still leave 97 % of them clear.
        private const long MaxBits = 1L << 22;

        /// <summary>The filter, or null where it cannot help: a dense or tiny index, wide RA windows (near a pole, large radii).</summary>
        public static OccupancyFilter? Build(Entry[] entries, int[] zoneStart, int zoneCount, double[] halfWidths)
        {
            if (entries.Length < 1024)
            {
                return null;
            }
            double halfWidth = 0, raMin = 360, raMax = 0;
            foreach (double h in halfWidths)
            {
                halfWidth = Math.Max(halfWidth, h);
            }
            foreach (ref readonly var e in entries.AsSpan())
            {
                raMin = Math.Min(raMin, e.Ra);
                raMax = Math.Max(raMax, e.Ra);
            }
            double span = raMax - raMin;
            if (halfWidth >= 180.0 || !(span > 0))
            {
                return null;
            }
            // Cells at least as wide as a lookup's RA window (so it tests one or two), as many as the bit budget allows.
            long cells = (long)Math.Min(MaxBits / zoneCount, Math.Floor(span / (2 * halfWidth)));
            // Worth it only with enough cells, and most bits clear.
            if (cells < 16 || entries.Length * 8L > cells * zoneCount)
            {
                return null;
            }
            double cellsPerDegree = cells / span;
            var bits = new ulong[((cells * zoneCount) + 63) / 64];
            for (int zone = 0; zone < zoneCount; zone++)
            {
                for (int k = zoneStart[zone]; k < zoneStart[zone + 1]; k++)
                {
                    long bit = (CellOf(entries[k].Ra, raMin, cellsPerDegree, (int)cells) * (long)zoneCount) + zone;
                    bits[bit >> 6] |= 1UL << (int)(bit & 63);
                }
            }
            return new OccupancyFilter(bits, zoneCount, (int)cells, raMin, raMax, cellsPerDegree, halfWidth);
        }

        /// <summary>True when no entry of zones [zoneLo, zoneHi] lies in the RA window of a lookup at <paramref name="ra"/>.</summary>
        public bool IsEmpty(double ra, int zoneLo, int zoneHi)
        {
            double lo = ra - halfWidth, hi = ra + halfWidth;
            if (lo < 0 || hi >= 360.0)
            {
                return false; // the window wraps: let the zones decide
            }
            if (hi < raMin || lo > raMax)
            {
                return true;
            }
            int cellLo = CellOf(lo, raMin, cellsPerDegree, cellCount), cellHi = CellOf(hi, raMin, cellsPerDegree, cellCount);
            for (int cell = cellLo; cell <= cellHi; cell++)
            {
                long first = ((long)cell * zoneCount) + zoneLo, last = ((long)cell * zoneCount) + zoneHi;
                for (long bit = first; bit <= last; bit++)
                {
                    if ((bits[bit >> 6] & (1UL << (int)(bit & 63))) != 0)
                    {
                        return false;
                    }
                }
            }
            return true;
        }

        // Building and testing share it, so an entry and a window edge at the same RA always fall in the same cell.
        private static int CellOf(double ra, double raMin, double cellsPerDegree, int cellCount) =>
            Math.Clamp((int)((ra - raMin) * cellsPerDegree), 0, cellCount - 1);
    }
}
