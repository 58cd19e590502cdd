using System.Runtime.CompilerServices;

namespace Das.Sky.CrossMatch;

/// <summary>
/// Positional cross-match of catalogue A against catalogue B on the sphere: RA/Dec arrays in degrees in, row pairs
/// with exact great-circle separations out. Built for 10^6-row catalogues in memory.
/// </summary>
/// <remarks>
/// <para>B is indexed in declination zones sorted by RA (<see cref="ZoneIndex"/>); A rows are matched in parallel
/// chunks, each with its own buffer, and the chunks are joined in A order, so the output never depends on
/// scheduling.</para>
/// <para>Rows whose RA is not finite or whose Dec is outside [−90, 90] (NaN included) take part in no pair. RA is
/// taken modulo 360. Separations use Vincenty's formula in double precision (agrees with astropy to ~1e-10 arcsec).
/// A pair is kept when its separation is ≤ the radius.</para>
/// </remarks>
public static class SkyCrossMatcher
{
    /// <summary>The largest radius accepted: half a great circle.</summary>
    public const double MaxRadiusArcsec = 180.0 * 3600.0;

    private const double RadToArcsec = 180.0 / Math.PI * 3600.0;

    // Below this many A rows the parallel machinery costs more than it saves.
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
        if (raA.Length != decA.Length)
        {
            throw new ArgumentException("raA and decA must have the same length.", nameof(decA));
        }
        if (raB.Length != decB.Length)
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
        if (raA.IsEmpty || raB.IsEmpty)
        {
            return CrossMatchResult.Empty;
        }

        long start = TimeProvider.System.GetTimestamp();
        var index = ZoneIndex.Build(raB, decB, radiusArcsec / 3600.0);
        if (index.Count == 0)
        {
            return CrossMatchResult.Empty;
        }
        long indexed = TimeProvider.System.GetTimestamp();
        // Spans cannot be captured by the parallel workers; A is copied once (two arrays, cheap beside the index).
        double[] ra = raA.ToArray(), dec = decA.ToArray();
        var all = Run(index, ra, dec, best: mode == CrossMatchMode.Best);
        long searched = TimeProvider.System.GetTimestamp();
        var result = mode == CrossMatchMode.BestSymmetric ? SymmetricBest(all, raB.Length) : all;
        if (phases is not null)
        {
            phases.IndexedSide = "B";
            phases.Index = TimeProvider.System.GetElapsedTime(start, indexed);
            phases.Search = TimeProvider.System.GetElapsedTime(indexed, searched);
            phases.Select = TimeProvider.System.GetElapsedTime(searched);
        }
        return result;
    }

    private static CrossMatchResult Run(ZoneIndex index, double[] ra, double[] dec, bool best)
    {
        int n = ra.Length;
        int chunkSize = n < SequentialBelow ? n : Math.Max(1024, n / (Environment.ProcessorCount * 8));
        int chunks = (n + chunkSize - 1) / chunkSize;
        var buffers = new PairBuffer[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks == 1 ? 1 : -1 },
            c => buffers[c] = MatchChunk(index, ra, dec, c * chunkSize, Math.Min(n, (c + 1) * chunkSize), best));

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

    // Compiled fully optimised at once (see ZoneIndex.Build): this loop is the whole match.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PairBuffer MatchChunk(ZoneIndex index, double[] ra, double[] dec, int start, int end, bool best)
    {
        var buffer = new PairBuffer();
        for (int i = start; i < end; i++)
        {
            if (!ZoneIndex.IsValid(ra[i], dec[i]))
            {
                continue;
            }
            if (best)
            {
                var visitor = new NearestVisitor { Row = -1, Separation = double.PositiveInfinity };
                index.Query(ra[i], dec[i], ref visitor);
                if (visitor.Row >= 0)
                {
                    buffer.Add(i, visitor.Row, visitor.Separation * RadToArcsec);
                }
            }
            else
            {
                int from = buffer.Count;
                var visitor = new CollectVisitor(buffer, i);
                index.Query(ra[i], dec[i], ref visitor);
                buffer.SortTail(from);
            }
        }
        return buffer;
    }

    // STILTS find=best (checked against tmatch2 on the fixtures): each B row keeps its nearest A row, then each A row
    // keeps its nearest of the B rows that kept it. Ties go to the lower row number.
    private static CrossMatchResult SymmetricBest(CrossMatchResult all, int countB)
    {
        var a = all.RowsA;
        var b = all.RowsB;
        var s = all.SeparationsArcsec;
        var nearestForB = new int[countB];
        Array.Fill(nearestForB, -1);
        for (int p = 0; p < all.Count; p++)
        {
            int q = nearestForB[b[p]];
            if (q < 0 || s[p] < s[q] || (s[p] == s[q] && a[p] < a[q]))
            {
                nearestForB[b[p]] = p;
            }
        }
        // Pairs are ordered by A row, then separation, then B row: the first kept pair of each A row is its nearest.
        var kept = new List<int>();
        for (int p = 0; p < all.Count; p++)
        {
            if (nearestForB[b[p]] == p && (kept.Count == 0 || a[kept[^1]] != a[p]))
            {
                kept.Add(p);
            }
        }
        var rowsA = new int[kept.Count];
        var rowsB = new int[kept.Count];
        var seps = new double[kept.Count];
        for (int i = 0; i < kept.Count; i++)
        {
            rowsA[i] = a[kept[i]];
            rowsB[i] = b[kept[i]];
            seps[i] = s[kept[i]];
        }
        return new CrossMatchResult(rowsA, rowsB, seps);
    }

    private struct NearestVisitor : IPairVisitor
    {
        public int Row;
        public double Separation;

        public void Visit(int rowB, double separationRad)
        {
            // Equal distances (duplicate positions in B) go to the lowest B row, whatever the index order.
            if (separationRad < Separation || (separationRad == Separation && rowB < Row))
            {
                Row = rowB;
                Separation = separationRad;
            }
        }
    }

    private readonly struct CollectVisitor(PairBuffer buffer, int rowA) : IPairVisitor
    {
        public void Visit(int rowB, double separationRad) => buffer.Add(rowA, rowB, separationRad * RadToArcsec);
    }
}
