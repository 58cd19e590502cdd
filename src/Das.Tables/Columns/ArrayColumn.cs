using Das.Tables.Model;

namespace Das.Tables.Columns;

/// <summary>
/// A column whose cells are arrays of numbers (fixed or variable length; a multi-dimensional arraysize is
/// stored flattened, first index fastest, with the shape in <see cref="Column.Field"/>).
/// </summary>
/// <typeparam name="T">bool, byte, short, int, long, float, double or <see cref="System.Numerics.Complex"/>.</typeparam>
public sealed class ArrayColumn<T> : Column
    where T : unmanaged
{
    private readonly SegmentBuffer<T> _values = new();

    /// <summary>Creates an empty column for <paramref name="field"/>.</summary>
    public ArrayColumn(Field field)
        : base(field)
    {
    }

    /// <inheritdoc/>
    public override int Count => _values.Count;

    /// <summary>Appends one cell.</summary>
    public void Append(ReadOnlySpan<T> cell) => _values.Add(cell);

    /// <summary>Reserves room for a cell to be decoded in place; finish with <see cref="CommitReserved"/>.</summary>
    public Span<T> Reserve(int maxLength) => _values.Reserve(maxLength);

    /// <summary>Commits the first <paramref name="length"/> elements of the last reserved span as one cell.</summary>
    public void CommitReserved(int length) => _values.Commit(length);

    /// <inheritdoc/>
    public override void AppendNull()
    {
        Nulls.Set(_values.Count);
        _values.Add([]);
    }

    /// <summary>The cell's elements (empty for null).</summary>
    public ReadOnlySpan<T> GetSpan(int row) => _values[row];

    /// <inheritdoc/>
    public override object? GetValue(int row) => Nulls.IsSet(row) ? null : _values[row].ToArray();

    /// <inheritdoc/>
    public override long AllocatedBytes => _values.AllocatedBytes + Nulls.AllocatedBytes;

    /// <inheritdoc/>
    public override long DataBytes => _values.UsedBytes + Nulls.AllocatedBytes;
}
