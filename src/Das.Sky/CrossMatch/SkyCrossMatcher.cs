using System.Runtime.CompilerServices;
using Das.Threading;

namespace Das.Sky.CrossMatch;

/// <summary>
/// Positional cross-match of catalogue A against catalogue B on the sphere: RA/Dec arrays in degrees in, row pairs
/// with exact great-circle separations out. Built for 10^6-row catalogues in memory.
/// </summary>
/// <remarks>
/// <para>The smaller catalogue is indexed in declination zones sorted by RA (<see cref="ZoneIndex"/>, small enough to
/// stay in cache) and the larger one is streamed past it in parallel blocks. Which side is indexed never changes the
/// result: a pair's separation is always computed from the A position, ties always go to the lower row number, and
/// the pairs are put in one order at the end, so the output never depends on scheduling either.</para>
/// <para>Rows whose RA is not finite or whose Dec is outside [−90, 90] (NaN included) take part in no pair. RA is
/// taken modulo 360. Separations use Vincenty's formula in double precision (agrees with astropy to ~1e-10 arcsec).
/// A pair is kept when its separation is ≤ the radius.</para>
/// </remarks>
public static class SkyCrossMatcher
{
    /// <summary>The largest radius accepted: half a great circle.</summary>
    public const double MaxRadiusArcsec = 180.0 * 3600.0;

    private const double RadToArcsec = 180.0 / Math.PI * 3600.0;
    private const double DegToRad = Math.PI / 180.0;

    // Below this many streamed rows the parallel machinery costs more than it saves.
    private const int SequentialBelow = 4096;

    /// <summary>Matches every row of A against B within <paramref name="radiusArcsec"/>.</summary>
    /// <param name="raA">RA of A in degrees.</param>
    /// <param name="decA">Dec of A in degrees.</param>
    /// <param name="raB">RA of B in degrees.</param>
    /// <param name="decB">Dec of B in degrees.</param>
    /// <param name="radiusArcsec">Match radius in arcsec, &gt; 0 and ≤ <see cref="MaxRadiusArcsec"/>.</param>
    /// <param name="mode">Which pairs to keep.</param>
    /// <param name="phases">When given, receives the time of each phase (profiling).</param>
    /// <returns>The pairs, ordered by A row, then separation, then B row.</returns>
    /// <exception cref="ArgumentException">RA and Dec spans of one catalogue differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not in (0, 180°].</exception>
    public static CrossMatchResult Match(ReadOnlySpan<double> raA, ReadOnlySpan<double> decA, ReadOnlySpan<double> raB, ReadOnlySpan<double> decB,
        double radiusArcsec, CrossMatchMode mode, CrossMatchPhases? phases = null)
    {
        Validate(raA.Length, decA.Length, raB.Length, decB.Length, radiusArcsec, mode);
        // The parallel workers cannot capture spans: the larger side is streamed from arrays (the array overload
        // takes arrays as they are).
        return Match(raA.ToArray(), decA.ToArray(), raB.ToArray(), decB.ToArray(), radiusArcsec, mode, phases);
    }

    /// <summary>Matches every row of A against B within <paramref name="radiusArcsec"/>; the arrays are read, never copied or changed.</summary>
    /// <param name="raA">RA of A in degrees.</param>
    /// <param name="decA">Dec of A in degrees.</param>
    /// <param name="raB">RA of B in degrees.</param>
    /// <param name="decB">Dec of B in degrees.</param>
    /// <param name="radiusArcsec">Match radius in arcsec, &gt; 0 and ≤ <see cref="MaxRadiusArcsec"/>.</param>
    /// <param name="mode">Which pairs to keep.</param>
    /// <param name="phases">When given, receives the time of each phase (profiling).</param>
    /// <returns>The pairs, ordered by A row, then separation, then B row.</returns>
    /// <exception cref="ArgumentException">RA and Dec arrays of one catalogue differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not in (0, 180°].</exception>
    [OverloadResolutionPriority(1)] // arrays (and [] literals) come here, uncopied, rather than to the span overload
    public static CrossMatchResult Match(double[] raA, double[] decA, double[] raB, double[] decB, double radiusArcsec, CrossMatchMode mode,
        CrossMatchPhases? phases = null)
    {
        ArgumentNullException.ThrowIfNull(raA);
        ArgumentNullException.ThrowIfNull(decA);
        ArgumentNullException.ThrowIfNull(raB);
        ArgumentNullException.ThrowIfNull(decB);
        Validate(raA.Length, decA.Length, raB.Length, decB.Length, radiusArcsec, mode);
        return Match(SkyPositions.FromArrays(raA, decA), SkyPositions.FromArrays(raB, decB), radiusArcsec, mode, indexA: raA.Length <= raB.Length, phases);
    }

    /// <summary>
    /// Matches every row of A against B within <paramref name="radiusArcsec"/>, reading positions where they are (the
    /// larger catalogue is streamed from its chunks without a copy; the smaller one is indexed).
    /// </summary>
    /// <param name="a">Positions of A.</param>
    /// <param name="b">Positions of B.</param>
    /// <param name="radiusArcsec">Match radius in arcsec, &gt; 0 and ≤ <see cref="MaxRadiusArcsec"/>.</param>
    /// <param name="mode">Which pairs to keep.</param>
    /// <param name="phases">When given, receives the time of each phase (profiling).</param>
    /// <returns>The pairs, ordered by A row, then separation, then B row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not in (0, 180°].</exception>
    public static CrossMatchResult Match(SkyPositions a, SkyPositions b, double radiusArcsec, CrossMatchMode mode, CrossMatchPhases? phases = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Validate(a.Count, a.Count, b.Count, b.Count, radiusArcsec, mode);
        return Match(a, b, radiusArcsec, mode, indexA: a.Count <= b.Count, phases);
    }

    /// <summary>The match with the indexed side chosen by the caller (tests run both).</summary>
    internal static CrossMatchResult Match(double[] raA, double[] decA, double[] raB, double[] decB, double radiusArcsec, CrossMatchMode mode,
        bool indexA, CrossMatchPhases? phases) =>
        Match(SkyPositions.FromArrays(raA, decA), SkyPositions.FromArrays(raB, decB), radiusArcsec, mode, indexA, phases);

    private static CrossMatchResult Match(SkyPositions a, SkyPositions b, double radiusArcsec, CrossMatchMode mode, bool indexA, CrossMatchPhases? phases)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return CrossMatchResult.Empty;
        }
        double radiusDeg = radiusArcsec / 3600.0;
        long start = TimeProvider.System.GetTimestamp();
        var index = ZoneIndex.Build(indexA ? a : b, radiusDeg);
        if (index.Count == 0)
        {
            return CrossMatchResult.Empty;
        }
        long indexed = TimeProvider.System.GetTimestamp();
        var search = new Search(index, indexA ? b : a, streamedIsA: !indexA, radiusDeg * DegToRad);
        CrossMatchResult result;
        long searched;
        switch (mode, indexA)
        {
            case (CrossMatchMode.All, _):
                // Rows are looked up in band order: the pairs are put in output order afterwards.
                result = Concatenate(search.Blocks(static (s, block) => s.CollectBlock(block)));
                searched = TimeProvider.System.GetTimestamp();
                result = Sorted(result);
                break;
            case (CrossMatchMode.Best, false):
                result = Concatenate(search.Blocks(static (s, block) => s.NearestBlock(block)));
                searched = TimeProvider.System.GetTimestamp();
                result = Sorted(result);
                break;
            case (CrossMatchMode.Best, true):
                // Each A row (indexed) keeps its nearest B row: every candidate is offered to A's running best.
                var bestOfA = search.Reduce(a.Count, nearestOnly: false);
                searched = TimeProvider.System.GetTimestamp();
                result = bestOfA.ToResult(rowsAreA: true);
                break;
            case (CrossMatchMode.BestSymmetric, true):
                // Each B row (streamed) finds its nearest A row; each A row keeps the nearest B row that chose it.
                var keptByA = search.Reduce(a.Count, nearestOnly: true);
                searched = TimeProvider.System.GetTimestamp();
                result = keptByA.ToResult(rowsAreA: true);
                break;
            default:
                // BestSymmetric with B indexed: each B row's nearest A row first (ties to the lower A row), then each
                // A row keeps the nearest of the B rows that chose it.
                var nearestOfB = search.Reduce(b.Count, nearestOnly: false);
                searched = TimeProvider.System.GetTimestamp();
                result = FirstPerA(Sorted(nearestOfB.ToResult(rowsAreA: false)));
                break;
        }
        if (phases is not null)
        {
            phases.IndexedSide = indexA ? "A" : "B";
            phases.Index = TimeProvider.System.GetElapsedTime(start, indexed);
            phases.Search = TimeProvider.System.GetElapsedTime(indexed, searched);
            phases.Select = TimeProvider.System.GetElapsedTime(searched);
            phases.Candidates = search.Candidates;
        }
        return result;
    }

    internal static void Validate(int raA, int decA, int raB, int decB, double radiusArcsec, CrossMatchMode mode)
    {
        if (raA != decA)
        {
            throw new ArgumentException("raA and decA must have the same length.", nameof(decA));
        }
        if (raB != decB)
        {
            throw new ArgumentException("raB and decB must have the same length.", nameof(decB));
        }
        if (!(radiusArcsec > 0 && radiusArcsec <= MaxRadiusArcsec))
        {
            throw new ArgumentOutOfRangeException(nameof(radiusArcsec), radiusArcsec, "The radius must be > 0 and at most 180 degrees.");
        }
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown cross-match mode.");
        }
    }

    internal static CrossMatchResult Concatenate(IReadOnlyCollection<PairBuffer> buffers)
    {
        int total = buffers.Sum(b => b.Count);
        var rowsA = new int[total];
        var rowsB = new int[total];
        var seps = new double[total];
        int at = 0;
        foreach (var buffer in buffers)
        {
            buffer.CopyTo(rowsA, rowsB, seps, at);
            at += buffer.Count;
        }
        return new CrossMatchResult(rowsA, rowsB, seps);
    }

    // Puts pairs in output order: A row, then separation, then B row.
    internal static CrossMatchResult Sorted(CrossMatchResult pairs)
    {
        // A counting sort by A row, then each A row's few pairs by separation and B row: linear, where a comparison
        // sort of 30 000 pairs took 11-19 ms of the match step.
        int n = pairs.Count;
        var rowsA = pairs.RowsA;
        int maxA = -1;
        for (int i = 0; i < n; i++)
        {
            maxA = Math.Max(maxA, rowsA[i]);
        }
        var start = new int[maxA + 2];
        for (int i = 0; i < n; i++)
        {
            start[rowsA[i] + 1]++;
        }
        for (int a = 0; a <= maxA; a++)
        {
            start[a + 1] += start[a];
        }
        var order = new int[n];
        var fill = start[..(maxA + 1)];
        for (int i = 0; i < n; i++)
        {
            order[fill[rowsA[i]]++] = i;
        }
        for (int a = 0; a <= maxA; a++)
        {
            if (start[a + 1] - start[a] > 1)
            {
                SortByDistance(order.AsSpan(start[a], start[a + 1] - start[a]), pairs);
            }
        }
        var outA = new int[n];
        var outB = new int[n];
        var seps = new double[n];
        for (int k = 0; k < n; k++)
        {
            int i = order[k];
            (outA[k], outB[k], seps[k]) = (rowsA[i], pairs.RowsB[i], pairs.SeparationsArcsec[i]);
        }
        return new CrossMatchResult(outA, outB, seps);
    }

    // One A row's pairs (indexes into `pairs`) by separation, then B row: insertion sort for the usual few, a
    // comparison sort for the many a radius of degrees gives.
    private static void SortByDistance(Span<int> group, CrossMatchResult pairs)
    {
        if (group.Length > 32)
        {
            group.Sort((x, y) => Before(x, y, pairs) ? -1 : Before(y, x, pairs) ? 1 : 0);
            return;
        }
        for (int i = 1; i < group.Length; i++)
        {
            int item = group[i];
            int j = i - 1;
            while (j >= 0 && Before(item, group[j], pairs))
            {
                group[j + 1] = group[j];
                j--;
            }
            group[j + 1] = item;
        }
    }

    private static bool Before(int x, int y, CrossMatchResult pairs)
    {
        double sx = pairs.SeparationsArcsec[x], sy = pairs.SeparationsArcsec[y];
        return sx != sy ? sx < sy : pairs.RowsB[x] < pairs.RowsB[y];
    }

    // The first pair of each A row of pairs in output order: its nearest.
    private static CrossMatchResult FirstPerA(CrossMatchResult pairs)
    {
        var keep = new List<int>();
        for (int p = 0; p < pairs.Count; p++)
        {
            if (p == 0 || pairs.RowsA[p] != pairs.RowsA[p - 1])
            {
                keep.Add(p);
            }
        }
        var rowsA = new int[keep.Count];
        var rowsB = new int[keep.Count];
        var seps = new double[keep.Count];
        for (int i = 0; i < keep.Count; i++)
        {
            (rowsA[i], rowsB[i], seps[i]) = (pairs.RowsA[keep[i]], pairs.RowsB[keep[i]], pairs.SeparationsArcsec[keep[i]]);
        }
        return new CrossMatchResult(rowsA, rowsB, seps);
    }

    /// <summary>
    /// The streamed catalogue and the index it is looked up in; blocks of consecutive rows run in parallel. (Looking
    /// rows up in Dec-band order to keep the index in cache was tried: on this data the counting sort cost as much as
    /// it saved, the small catalogue's index already staying in the L2/L3 cache.)
    /// </summary>
    internal sealed class Search
    {
        private readonly ZoneIndex _index;
        private readonly SkyPositions _streamed;
        private readonly bool _streamedIsA;
        private readonly double _radiusRad;
        private readonly (int Chunk, int From, int To, int RowBase)[] _blocks;
        private long _candidates;

        // firstRow: the row number of the streamed positions' first row (a batch of a longer catalogue starts past 0).
        public Search(ZoneIndex index, SkyPositions streamed, bool streamedIsA, double radiusRad, int firstRow = 0)
        {
            _index = index;
            _streamed = streamed;
            _streamedIsA = streamedIsA;
            _radiusRad = radiusRad;
            // Blocks never cross a chunk, so each is one span of RA and one of Dec.
            int n = streamed.Count;
            int size = n < SequentialBelow ? Math.Max(1, n) : Math.Max(1024, Math.Min(16_384, n / (Environment.ProcessorCount * 8)));
            var blocks = new List<(int, int, int, int)>();
            int rowBase = firstRow;
            for (int c = 0; c < streamed.Ra.Count; c++)
            {
                int length = streamed.Ra[c].Length;
                for (int from = 0; from < length; from += size)
                {
                    blocks.Add((c, from, Math.Min(length, from + size), rowBase));
                }
                rowBase += length;
            }
            _blocks = [.. blocks];
        }

        public long Candidates => Interlocked.Read(ref _candidates);

        /// <summary>Runs <paramref name="block"/> over every block; results in block (row) order.</summary>
        public PairBuffer[] Blocks(Func<Search, int, PairBuffer> block)
        {
            var buffers = new PairBuffer[_blocks.Length];
            ForkJoin.For(_blocks.Length, c => buffers[c] = block(this, c));
            return buffers;
        }

        /// <summary>
        /// The nearest other row of each indexed row over every candidate within the radius (ties to the lower row),
        /// or, with <paramref name="nearestOnly"/>, over only each streamed row's own nearest indexed row.
        /// </summary>
        /// <remarks>
        /// Each block lists its offers (indexed row, streamed row, separation) and one table takes them all at the end:
        /// offers are few (pairs within the radius), while a table per worker meant two arrays the size of the
        /// indexed catalogue per thread, fresh memory that cost more to fault in than the search (a page fault is
        /// ~10 µs on a virtual machine). The result is the same in any order: an offer wins on a smaller separation,
        /// or an equal one from a lower row.
        /// </remarks>
        public Nearest Reduce(int indexedRows, bool nearestOnly)
        {
            var nearest = new Nearest(indexedRows);
            nearest.Take(Offers(nearestOnly));
            return nearest;
        }

        /// <summary>Every block's offers (indexed row, streamed row, separation in radians), in block order.</summary>
        public PairBuffer[] Offers(bool nearestOnly) => Blocks((s, block) => s.OffersBlock(block, nearestOnly));

        public PairBuffer CollectBlock(int block)
        {
            var (chunk, from, to, rowBase) = _blocks[block];
            var ra = _streamed.Ra[chunk].Span;
            var dec = _streamed.Dec[chunk].Span;
            var buffer = new PairBuffer();
            long candidates = 0;
            for (int j = from; j < to; j++)
            {
                if (!ZoneIndex.IsValid(ra[j], dec[j]))
                {
                    continue;
                }
                var visitor = new CollectVisitor(buffer, rowBase + j, ZoneIndex.NormaliseRa(ra[j]), dec[j], _streamedIsA, _radiusRad);
                _index.Query(visitor.QueryRa, visitor.QueryDec, ref visitor);
                candidates += visitor.Candidates;
            }
            Interlocked.Add(ref _candidates, candidates);
            return buffer;
        }

        public PairBuffer NearestBlock(int block)
        {
            var (chunk, from, to, rowBase) = _blocks[block];
            var ra = _streamed.Ra[chunk].Span;
            var dec = _streamed.Dec[chunk].Span;
            var buffer = new PairBuffer();
            long candidates = 0;
            for (int j = from; j < to; j++)
            {
                if (!ZoneIndex.IsValid(ra[j], dec[j]))
                {
                    continue;
                }
                var visitor = new NearestVisitor(ZoneIndex.NormaliseRa(ra[j]), dec[j], _streamedIsA, _radiusRad);
                _index.Query(visitor.QueryRa, visitor.QueryDec, ref visitor);
                candidates += visitor.Candidates;
                if (visitor.Row >= 0)
                {
                    // Only A is streamed here (find=best with B indexed).
                    buffer.Add(rowBase + j, visitor.Row, visitor.Separation * RadToArcsec);
                }
            }
            Interlocked.Add(ref _candidates, candidates);
            return buffer;
        }

        // Offers of one block: (indexed row, streamed row, separation in radians).
        private PairBuffer OffersBlock(int block, bool nearestOnly)
        {
            var (chunk, from, to, rowBase) = _blocks[block];
            var ra = _streamed.Ra[chunk].Span;
            var dec = _streamed.Dec[chunk].Span;
            var offers = new PairBuffer();
            long candidates = 0;
            for (int j = from; j < to; j++)
            {
                if (!ZoneIndex.IsValid(ra[j], dec[j]))
                {
                    continue;
                }
                if (nearestOnly)
                {
                    var visitor = new NearestVisitor(ZoneIndex.NormaliseRa(ra[j]), dec[j], _streamedIsA, _radiusRad);
                    _index.Query(visitor.QueryRa, visitor.QueryDec, ref visitor);
                    candidates += visitor.Candidates;
                    if (visitor.Row >= 0)
                    {
                        offers.Add(visitor.Row, rowBase + j, visitor.Separation);
                    }
                }
                else
                {
                    var visitor = new OfferVisitor(offers, rowBase + j, ZoneIndex.NormaliseRa(ra[j]), dec[j], _streamedIsA, _radiusRad);
                    _index.Query(visitor.QueryRa, visitor.QueryDec, ref visitor);
                    candidates += visitor.Candidates;
                }
            }
            Interlocked.Add(ref _candidates, candidates);
            return offers;
        }
    }

    /// <summary>For each indexed row, its nearest other row so far (ties to the lower row).</summary>
    internal sealed class Nearest
    {
        private readonly int[] _other;
        private readonly double[] _separation;

        public Nearest(int rows)
        {
            _other = new int[rows];
            _separation = new double[rows];
            Array.Fill(_other, -1);
            Array.Fill(_separation, double.PositiveInfinity);
        }

        /// <summary>Offers every (row, other, separation in radians) of the buffers.</summary>
        public void Take(PairBuffer[] offers)
        {
            foreach (var buffer in offers)
            {
                for (int i = 0; i < buffer.Count; i++)
                {
                    var (row, other, separation) = buffer[i];
                    Offer(row, other, separation);
                }
            }
        }

        /// <summary>The other row <paramref name="row"/> holds now, or -1.</summary>
        public int OtherOf(int row) => _other[row];

        public void Offer(int row, int other, double separationRad)
        {
            double current = _separation[row];
            if (separationRad < current || (separationRad == current && other < _other[row]))
            {
                _other[row] = other;
                _separation[row] = separationRad;
            }
        }

        /// <summary>The pairs in the order of the indexed rows (A order when <paramref name="rowsAreA"/>).</summary>
        public CrossMatchResult ToResult(bool rowsAreA)
        {
            int count = 0;
            foreach (int other in _other)
            {
                count += other >= 0 ? 1 : 0;
            }
            var rowsA = new int[count];
            var rowsB = new int[count];
            var seps = new double[count];
            int at = 0;
            for (int row = 0; row < _other.Length; row++)
            {
                if (_other[row] >= 0)
                {
                    (rowsA[at], rowsB[at]) = rowsAreA ? (row, _other[row]) : (_other[row], row);
                    seps[at++] = _separation[row] * RadToArcsec;
                }
            }
            return new CrossMatchResult(rowsA, rowsB, seps);
        }
    }

    // The exact test of a candidate, from the A position whichever side is the query.
    private static double Separation(bool queryIsA, double queryRa, double queryDec, double ra, double dec) =>
        queryIsA ? QueryPoint.Separation(queryRa, queryDec, ra, dec) : QueryPoint.Separation(ra, dec, queryRa, queryDec);

    private struct NearestVisitor(double queryRa, double queryDec, bool queryIsA, double radiusRad) : ICandidateVisitor
    {
        public readonly double QueryRa = queryRa;
        public readonly double QueryDec = queryDec;
        public int Row = -1;
        public double Separation = double.PositiveInfinity;
        public int Candidates;

        public void Visit(int row, double ra, double dec)
        {
            Candidates++;
            double separation = SkyCrossMatcher.Separation(queryIsA, QueryRa, QueryDec, ra, dec);
            // Equal distances (duplicate positions) go to the lowest row, whatever the index order.
            if (separation <= radiusRad && (separation < Separation || (separation == Separation && row < Row)))
            {
                Row = row;
                Separation = separation;
            }
        }
    }

    private struct CollectVisitor(PairBuffer buffer, int queryRow, double queryRa, double queryDec, bool queryIsA, double radiusRad) : ICandidateVisitor
    {
        public readonly double QueryRa = queryRa;
        public readonly double QueryDec = queryDec;
        public int Candidates;

        public void Visit(int row, double ra, double dec)
        {
            Candidates++;
            double separation = SkyCrossMatcher.Separation(queryIsA, QueryRa, QueryDec, ra, dec);
            if (separation <= radiusRad)
            {
                if (queryIsA)
                {
                    buffer.Add(queryRow, row, separation * RadToArcsec);
                }
                else
                {
                    buffer.Add(row, queryRow, separation * RadToArcsec);
                }
            }
        }
    }

    private struct OfferVisitor(PairBuffer offers, int queryRow, double queryRa, double queryDec, bool queryIsA, double radiusRad) : ICandidateVisitor
    {
        public readonly double QueryRa = queryRa;
        public readonly double QueryDec = queryDec;
        public int Candidates;

        public void Visit(int row, double ra, double dec)
        {
            Candidates++;
            double separation = SkyCrossMatcher.Separation(queryIsA, QueryRa, QueryDec, ra, dec);
            if (separation <= radiusRad)
            {
                offers.Add(row, queryRow, separation);
            }
        }
    }
}
