using Das.Sky.Healpix;

namespace Das.Sky.Moc;

/// <summary>
/// An immutable space MOC (IVOA MOC 2.0): a set of HEALPix NESTED cells of orders 0 … <see cref="MaxOrder"/>,
/// stored normalised as sorted, disjoint, non-adjacent ranges of order-29 cells, so two MOCs covering the same
/// cells are equal however they were written.
/// </summary>
/// <remarks>
/// Das uses MOCs to skip archives that cannot cover a position: <see cref="Contains"/> and
/// <see cref="OverlapsCone"/> answer in microseconds. Set operations keep the larger of the two maximum orders.
/// Instances are thread-safe.
/// </remarks>
public sealed partial class Moc : IEquatable<Moc>
{
    /// <summary>The deepest order (29), at which ranges are stored.</summary>
    public const int DeepestOrder = HealpixGrid.MaxOrder;

    private static readonly long CellCount29 = 12L << (2 * DeepestOrder);

    private readonly long[] _ranges; // [s0, e0, s1, e1, …] at order 29, half-open

    private Moc(int maxOrder, long[] ranges)
    {
        MaxOrder = maxOrder;
        _ranges = ranges;
    }

    /// <summary>Gets the maximum order (resolution) of the MOC, 0 … 29.</summary>
    public int MaxOrder { get; }

    /// <summary>Gets a value indicating whether the MOC covers nothing.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>Gets the covered fraction of the sky, 0 … 1.</summary>
    public double SkyFraction
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _ranges.Length; i += 2)
            {
                total += _ranges[i + 1] - _ranges[i];
            }

            return (double)total / CellCount29;
        }
    }

    /// <summary>Gets the covered area in square degrees.</summary>
    public double AreaSquareDegrees => SkyFraction * 4 * Math.PI * Math.Pow(180 / Math.PI, 2);

    /// <summary>Gets the coverage as sorted, disjoint, non-adjacent ranges of order-29 NESTED cells.</summary>
    public IReadOnlyList<PixelRange> Ranges
    {
        get
        {
            var result = new PixelRange[_ranges.Length / 2];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = new PixelRange(_ranges[2 * i], _ranges[(2 * i) + 1]);
            }

            return result;
        }
    }

    /// <summary>An empty MOC.</summary>
    /// <param name="maxOrder">Maximum order, 0 … 29.</param>
    /// <returns>The MOC.</returns>
    public static Moc Empty(int maxOrder)
    {
        CheckOrder(maxOrder);
        return new Moc(maxOrder, []);
    }

    /// <summary>A MOC covering the whole sky.</summary>
    /// <param name="maxOrder">Maximum order, 0 … 29.</param>
    /// <returns>The MOC.</returns>
    public static Moc FullSky(int maxOrder)
    {
        CheckOrder(maxOrder);
        return new Moc(maxOrder, [0, CellCount29]);
    }

    /// <summary>A MOC from cells of any orders; overlapping and sibling cells are merged.</summary>
    /// <param name="cells">The cells.</param>
    /// <param name="maxOrder">Maximum order; by default the deepest order among the cells (0 when there are none).</param>
    /// <returns>The MOC.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A cell is invalid or deeper than <paramref name="maxOrder"/>.</exception>
    public static Moc FromCells(IEnumerable<MocCell> cells, int? maxOrder = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var acc = new RangeAccumulator();
        var deepest = 0;
        foreach (var cell in cells)
        {
            CheckCell(cell.Order, cell.Index);
            if (maxOrder is { } m && cell.Order > m)
            {
                throw new ArgumentOutOfRangeException(nameof(cells), cell, $"Cell order {cell.Order} is deeper than the maximum order {m}.");
            }

            deepest = Math.Max(deepest, cell.Order);
            var shift = 2 * (DeepestOrder - cell.Order);
            acc.Add(cell.Index << shift, (cell.Index + 1) << shift);
        }

        var order = maxOrder ?? deepest;
        CheckOrder(order);
        return new Moc(order, acc.ToFlatArray());
    }

    /// <summary>A MOC from ranges of NESTED pixels at one order (the output of the HEALPix range queries).</summary>
    /// <param name="order">Order of the pixels; becomes the maximum order.</param>
    /// <param name="ranges">Half-open pixel ranges, in any order, overlapping or not.</param>
    /// <returns>The MOC.</returns>
    public static Moc FromRanges(int order, IEnumerable<PixelRange> ranges)
    {
        CheckOrder(order);
        ArgumentNullException.ThrowIfNull(ranges);
        var n = HealpixGrid.PixelCount(order);
        var shift = 2 * (DeepestOrder - order);
        var acc = new RangeAccumulator();
        foreach (var r in ranges)
        {
            if (r.Start < 0 || r.End > n || r.Start > r.End)
            {
                throw new ArgumentOutOfRangeException(nameof(ranges), r, $"Range must lie within 0 … 12·4^{order}.");
            }

            acc.Add(r.Start << shift, r.End << shift);
        }

        return new Moc(order, acc.ToFlatArray());
    }

    /// <summary>The MOC of a cone: every cell at <paramref name="maxOrder"/> that overlaps it (an inclusive disc query).</summary>
    /// <param name="ra">Centre right ascension in degrees.</param>
    /// <param name="dec">Centre declination in degrees.</param>
    /// <param name="radius">Radius in degrees.</param>
    /// <param name="maxOrder">Resolution of the MOC, 0 … 29.</param>
    /// <returns>The MOC.</returns>
    public static Moc FromCone(double ra, double dec, double radius, int maxOrder) =>
        FromAccumulator(maxOrder, HealpixGrid.DiscCore(maxOrder, ra, dec, radius, HealpixScheme.Nested, inclusive: true));

    /// <summary>The MOC of a convex polygon: every cell at <paramref name="maxOrder"/> that overlaps it.</summary>
    /// <param name="ra">Vertex right ascensions in degrees.</param>
    /// <param name="dec">Vertex declinations in degrees.</param>
    /// <param name="maxOrder">Resolution of the MOC, 0 … 29.</param>
    /// <returns>The MOC.</returns>
    public static Moc FromPolygon(ReadOnlySpan<double> ra, ReadOnlySpan<double> dec, int maxOrder) =>
        FromAccumulator(maxOrder, HealpixGrid.PolygonCore(maxOrder, ra, dec, HealpixScheme.Nested, inclusive: true));

    /// <summary>The MOC of the cells at <paramref name="maxOrder"/> that contain at least one of the positions.</summary>
    /// <param name="ra">Right ascensions in degrees.</param>
    /// <param name="dec">Declinations in degrees.</param>
    /// <param name="maxOrder">Resolution of the MOC, 0 … 29.</param>
    /// <returns>The MOC.</returns>
    public static Moc FromPositions(ReadOnlySpan<double> ra, ReadOnlySpan<double> dec, int maxOrder)
    {
        var pixels = new long[ra.Length];
        HealpixGrid.Ang2Pix(maxOrder, ra, dec, pixels, HealpixScheme.Nested);
        Array.Sort(pixels);
        var acc = new RangeAccumulator();
        var shift = 2 * (DeepestOrder - maxOrder);
        foreach (var p in pixels)
        {
            acc.Add(p << shift, (p + 1) << shift);
        }

        return new Moc(maxOrder, acc.ToFlatArray());
    }

    /// <summary>Whether the position lies in a cell of the MOC.</summary>
    /// <param name="ra">Right ascension in degrees.</param>
    /// <param name="dec">Declination in degrees, −90 … 90.</param>
    /// <returns>True when covered.</returns>
    public bool Contains(double ra, double dec) => ContainsCell29(HealpixGrid.Ang2Pix(DeepestOrder, ra, dec, HealpixScheme.Nested));

    /// <summary>
    /// Whether a cone may overlap the MOC. False means it certainly does not (the archive can be skipped); true
    /// means it overlaps, or comes closer than about a sixteenth of the radius (or one cell of
    /// <see cref="MaxOrder"/>, whichever is larger).
    /// </summary>
    /// <param name="ra">Centre right ascension in degrees.</param>
    /// <param name="dec">Centre declination in degrees.</param>
    /// <param name="radius">Radius in degrees, ≥ 0.</param>
    /// <returns>False when the cone and the MOC are certainly disjoint.</returns>
    public bool OverlapsCone(double ra, double dec, double radius)
    {
        if (IsEmpty)
        {
            return false;
        }

        // A query order whose pixels are ~1/16 of the radius keeps the query small; coarser is still a superset.
        var order = MaxOrder;
        while (order > 0 && HealpixGrid.MaxPixelRadius(order) < radius / 16)
        {
            order--;
        }

        var query = HealpixGrid.DiscCore(order, ra, dec, radius, HealpixScheme.Nested, inclusive: true).ToFlatArray();
        var shift = 2 * (DeepestOrder - order);
        int i = 0, j = 0;
        while (i < _ranges.Length && j < query.Length)
        {
            long qs = query[j] << shift, qe = query[j + 1] << shift;
            if (_ranges[i + 1] <= qs)
            {
                i += 2;
            }
            else if (qe <= _ranges[i])
            {
                j += 2;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The cells that cover the sky outside this MOC, at the same maximum order.</summary>
    /// <returns>The complement.</returns>
    public Moc Complement()
    {
        var acc = new RangeAccumulator(_ranges.Length / 2 + 1);
        long previous = 0;
        for (var i = 0; i < _ranges.Length; i += 2)
        {
            acc.Add(previous, _ranges[i]);
            previous = _ranges[i + 1];
        }

        acc.Add(previous, CellCount29);
        return new Moc(MaxOrder, acc.ToFlatArray());
    }

    /// <summary>The cells in either MOC.</summary>
    /// <param name="other">The other MOC.</param>
    /// <returns>The union, at the larger maximum order.</returns>
    public Moc Union(Moc other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = _ranges;
        var b = other._ranges;
        var acc = new RangeAccumulator((a.Length + b.Length) / 2);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j >= b.Length || (i < a.Length && a[i] <= b[j]))
            {
                acc.Add(a[i], a[i + 1]);
                i += 2;
            }
            else
            {
                acc.Add(b[j], b[j + 1]);
                j += 2;
            }
        }

        return new Moc(Math.Max(MaxOrder, other.MaxOrder), acc.ToFlatArray());
    }

    /// <summary>The cells in both MOCs.</summary>
    /// <param name="other">The other MOC.</param>
    /// <returns>The intersection, at the larger maximum order.</returns>
    public Moc Intersection(Moc other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = _ranges;
        var b = other._ranges;
        var acc = new RangeAccumulator();
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var lo = Math.Max(a[i], b[j]);
            var hi = Math.Min(a[i + 1], b[j + 1]);
            acc.Add(lo, hi);
            if (a[i + 1] < b[j + 1])
            {
                i += 2;
            }
            else
            {
                j += 2;
            }
        }

        return new Moc(Math.Max(MaxOrder, other.MaxOrder), acc.ToFlatArray());
    }

    /// <summary>The cells of this MOC that are not in <paramref name="other"/>.</summary>
    /// <param name="other">The MOC to subtract.</param>
    /// <returns>The difference, at the larger maximum order.</returns>
    public Moc Difference(Moc other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = _ranges;
        var b = other._ranges;
        var acc = new RangeAccumulator(a.Length / 2);
        var j = 0;
        for (var i = 0; i < a.Length; i += 2)
        {
            var start = a[i];
            var end = a[i + 1];
            while (j < b.Length && b[j + 1] <= start)
            {
                j += 2;
            }

            var k = j;
            while (k < b.Length && b[k] < end)
            {
                acc.Add(start, b[k]);
                start = Math.Max(start, b[k + 1]);
                k += 2;
            }

            acc.Add(start, end);
        }

        return new Moc(Math.Max(MaxOrder, other.MaxOrder), acc.ToFlatArray());
    }

    /// <summary>
    /// The same coverage at a coarser resolution: every cell deeper than <paramref name="order"/> is replaced by
    /// its ancestor at that order, so the result covers at least this MOC.
    /// </summary>
    /// <param name="order">The new maximum order; nothing changes when it is not below <see cref="MaxOrder"/>.</param>
    /// <returns>The degraded MOC.</returns>
    public Moc Degrade(int order)
    {
        CheckOrder(order);
        if (order >= MaxOrder)
        {
            return this;
        }

        var shift = 2 * (DeepestOrder - order);
        var mask = (1L << shift) - 1;
        var acc = new RangeAccumulator(_ranges.Length / 2);
        for (var i = 0; i < _ranges.Length; i += 2)
        {
            acc.Add(_ranges[i] & ~mask, (_ranges[i + 1] + mask) & ~mask);
        }

        return new Moc(order, acc.ToFlatArray());
    }

    /// <summary>
    /// The MOC as its unique minimal list of cells (largest cells first within each run), sorted by order and
    /// then by index — the NUNIQ form the serialisations write.
    /// </summary>
    /// <returns>The cells.</returns>
    public IReadOnlyList<MocCell> ToCells()
    {
        var perOrder = CellsByOrder();
        var result = new List<MocCell>();
        for (var o = 0; o <= DeepestOrder; o++)
        {
            if (perOrder[o] is { } list)
            {
                foreach (var index in list)
                {
                    result.Add(new MocCell(o, index));
                }
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public bool Equals(Moc? other) =>
        other is not null && MaxOrder == other.MaxOrder && _ranges.AsSpan().SequenceEqual(other._ranges);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Moc);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(MaxOrder);
        foreach (var v in _ranges)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }

    /// <summary>The ASCII serialisation (<see cref="ToAscii"/>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ToAscii();

    internal bool ContainsCell29(long cell)
    {
        // Binary search over the range starts.
        int lo = 0, hi = (_ranges.Length / 2) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ranges[2 * mid] <= cell)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return hi >= 0 && cell < _ranges[(2 * hi) + 1];
    }

    /// <summary>Cells per order (null where none), each list ascending.</summary>
    internal List<long>?[] CellsByOrder()
    {
        var perOrder = new List<long>?[DeepestOrder + 1];
        for (var i = 0; i < _ranges.Length; i += 2)
        {
            var s = _ranges[i];
            var e = _ranges[i + 1];
            while (s < e)
            {
                var k = s == 0 ? DeepestOrder : Math.Min(DeepestOrder, (int)(long.TrailingZeroCount(s) / 2));
                while (s + (1L << (2 * k)) > e)
                {
                    k--;
                }

                var order = DeepestOrder - k;
                (perOrder[order] ??= []).Add(s >> (2 * k));
                s += 1L << (2 * k);
            }
        }

        return perOrder;
    }

    internal static Moc FromNormalisedCells(int maxOrder, RangeAccumulator acc) => new(maxOrder, acc.ToFlatArray());

    private static Moc FromAccumulator(int order, RangeAccumulator acc)
    {
        var shift = 2 * (DeepestOrder - order);
        var flat = acc.ToFlatArray();
        for (var i = 0; i < flat.Length; i++)
        {
            flat[i] <<= shift;
        }

        return new Moc(order, flat);
    }

    private static void CheckOrder(int order)
    {
        if ((uint)order > DeepestOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "MOC order must be between 0 and 29.");
        }
    }

    private static void CheckCell(int order, long index)
    {
        CheckOrder(order);
        if ((ulong)index >= (ulong)(12L << (2 * order)))
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Cell index must be below 12·4^{order}.");
        }
    }
}
