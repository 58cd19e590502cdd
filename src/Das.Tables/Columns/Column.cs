using Das.Tables.Model;

namespace Das.Tables.Columns;

/// <summary>
/// One column of a table: its FIELD metadata and its cells, stored by type (numbers unboxed, text as characters),
/// with a null mask. Columns are append-only while a reader fills them.
/// </summary>
public abstract class Column
{
    private protected readonly NullMask Nulls = new();

    /// <summary>Creates a column for <paramref name="field"/>.</summary>
    private protected Column(Field field) => Field = field;

    /// <summary>The FIELD this column was declared by.</summary>
    public Field Field { get; }

    /// <summary>The column name (FIELD <c>name</c>).</summary>
    public string Name => Field.Name;

    /// <summary>Number of cells.</summary>
    public abstract int Count { get; }

    /// <summary>Number of null cells.</summary>
    public int NullCount => Nulls.NullCount;

    /// <summary>True when the cell holds no value.</summary>
    public bool IsNull(int row) => Nulls.IsSet(row);

    /// <summary>The cell as an object (boxed number, string, array), or null: for generic consumers, not hot loops.</summary>
    public abstract object? GetValue(int row);

    /// <summary>Empties the column and keeps its storage for the rows that follow; false when this kind of column cannot (make a new one then).</summary>
    internal virtual bool TryClear() => false;

    /// <summary>Appends a null cell.</summary>
    public abstract void AppendNull();

    /// <summary>Bytes this column's storage holds (its capacity, reserved but not necessarily touched), for memory accounting.</summary>
    public abstract long AllocatedBytes { get; }

    /// <summary>Bytes of the data itself: the cells' values (and for text and arrays, their offsets and lengths) and the null mask.</summary>
    public abstract long DataBytes { get; }

    /// <summary>Creates the right empty column for a field's datatype and arraysize.</summary>
    public static Column Create(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.DataType.IsText() && field.ArraySize.Rank <= 1)
        {
            return new StringColumn(field);
        }
        if (field.DataType.IsText())
        {
            // Multi-dimensional char arrays (arrays of strings) are kept as their flattened text.
            return new StringColumn(field);
        }
        return field.ArraySize.IsScalar ? CreateScalar(field) : CreateArray(field);
    }

    private static Column CreateScalar(Field field) => field.DataType switch
    {
        VoDataType.Boolean or VoDataType.Bit => new ScalarColumn<bool>(field),
        VoDataType.UnsignedByte => new ScalarColumn<byte>(field),
        VoDataType.Short => new ScalarColumn<short>(field),
        VoDataType.Int => new ScalarColumn<int>(field),
        VoDataType.Long => new ScalarColumn<long>(field),
        VoDataType.Float => new ScalarColumn<float>(field),
        VoDataType.Double => new ScalarColumn<double>(field),
        VoDataType.FloatComplex or VoDataType.DoubleComplex => new ScalarColumn<System.Numerics.Complex>(field),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.DataType, "no scalar column for this datatype"),
    };

    private static Column CreateArray(Field field) => field.DataType switch
    {
        VoDataType.Boolean or VoDataType.Bit => new ArrayColumn<bool>(field),
        VoDataType.UnsignedByte => new ArrayColumn<byte>(field),
        VoDataType.Short => new ArrayColumn<short>(field),
        VoDataType.Int => new ArrayColumn<int>(field),
        VoDataType.Long => new ArrayColumn<long>(field),
        VoDataType.Float => new ArrayColumn<float>(field),
        VoDataType.Double => new ArrayColumn<double>(field),
        VoDataType.FloatComplex or VoDataType.DoubleComplex => new ArrayColumn<System.Numerics.Complex>(field),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.DataType, "no array column for this datatype"),
    };
}
