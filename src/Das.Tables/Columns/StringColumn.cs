using Das.Tables.Model;

namespace Das.Tables.Columns;

/// <summary>
/// A text column (char or unicodeChar arrays, or a single char). Characters are packed in large blocks;
/// <see cref="GetString"/> makes a string on demand, <see cref="GetChars"/> reads without allocating.
/// </summary>
public sealed class StringColumn : Column
{
    private readonly SegmentBuffer<char> _chars = new();

    /// <summary>Creates an empty column for <paramref name="field"/>.</summary>
    public StringColumn(Field field)
        : base(field)
    {
    }

    /// <inheritdoc/>
    public override int Count => _chars.Count;

    /// <summary>Appends a value (an empty value is not null: use <see cref="AppendNull"/>).</summary>
    public void Append(ReadOnlySpan<char> value) => _chars.Add(value);

    /// <summary>Reserves room for a value to be decoded in place; finish with <see cref="CommitReserved"/>.</summary>
    public Span<char> Reserve(int maxLength) => _chars.Reserve(maxLength);

    /// <summary>Commits the first <paramref name="length"/> characters of the last reserved span as one cell.</summary>
    public void CommitReserved(int length) => _chars.Commit(length);

    /// <inheritdoc/>
    public override void AppendNull()
    {
        Nulls.Set(_chars.Count);
        _chars.Add([]);
    }

    /// <summary>The cell's characters without allocating (empty for null).</summary>
    public ReadOnlySpan<char> GetChars(int row) => _chars[row];

    /// <summary>The cell as a string, or null.</summary>
    public string? GetString(int row) => Nulls.IsSet(row) ? null : new string(_chars[row]);

    /// <inheritdoc/>
    public override object? GetValue(int row) => GetString(row);

    /// <inheritdoc/>
    public override long AllocatedBytes => _chars.AllocatedBytes + Nulls.AllocatedBytes;

    /// <inheritdoc/>
    public override long DataBytes => _chars.UsedBytes + Nulls.AllocatedBytes;
}
