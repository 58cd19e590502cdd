using System.Numerics;
using Das.Tables.Model;

namespace Das.Tables.Columns;

/// <summary>A column with one number (or boolean, or complex) per cell, stored unboxed.</summary>
/// <typeparam name="T">bool, byte, short, int, long, float, double or <see cref="Complex"/>.</typeparam>
public sealed class ScalarColumn<T> : Column
    where T : unmanaged
{
    private readonly ChunkedBuffer<T> _values = new();

    /// <summary>Creates an empty column for <paramref name="field"/>.</summary>
    public ScalarColumn(Field field)
        : base(field)
    {
    }

    /// <inheritdoc/>
    public override int Count => _values.Count;

    /// <summary>The cell's value; for a null cell, NaN for floating point and 0 otherwise.</summary>
    public T this[int row] => _values[row];

    /// <summary>Appends a value.</summary>
    public void Append(T value) => _values.Add(value);

    /// <summary>Appends many non-null values.</summary>
    public void AppendRange(ReadOnlySpan<T> values) => _values.AddRange(values);

    /// <inheritdoc/>
    public override void AppendNull()
    {
        Nulls.Set(_values.Count);
        _values.Add(NullFill());
    }

    /// <inheritdoc/>
    internal override bool TryClear()
    {
        _values.Clear();
        Nulls.Clear();
        return true;
    }

    /// <summary>Marks an already appended cell null (a reader found the VALUES null value or NaN).</summary>
    public void SetNull(int row)
    {
        Nulls.Set(row);
        _values[row] = NullFill();
    }

    /// <summary>The value, or false for a null cell.</summary>
    public bool TryGet(int row, out T value)
    {
        value = _values[row];
        return !Nulls.IsSet(row);
    }

    /// <summary>Copies cells [start, start + destination.Length) into <paramref name="destination"/>.</summary>
    public void CopyTo(int start, Span<T> destination) => _values.CopyTo(start, destination);

    /// <summary>The stored values chunk by chunk, for fast scans (null cells hold the null fill).</summary>
    public IEnumerable<ReadOnlyMemory<T>> Chunks() => _values.Chunks();

    /// <inheritdoc/>
    public override object? GetValue(int row) => Nulls.IsSet(row) ? null : _values[row];

    /// <inheritdoc/>
    public override long AllocatedBytes => _values.AllocatedBytes + Nulls.AllocatedBytes;

    /// <inheritdoc/>
    public override long DataBytes => _values.UsedBytes + Nulls.AllocatedBytes;

    private static T NullFill()
    {
        if (typeof(T) == typeof(double))
        {
            return (T)(object)double.NaN;
        }
        if (typeof(T) == typeof(float))
        {
            return (T)(object)float.NaN;
        }
        if (typeof(T) == typeof(Complex))
        {
            return (T)(object)new Complex(double.NaN, double.NaN);
        }
        return default;
    }
}
