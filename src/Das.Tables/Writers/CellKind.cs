using System.Numerics;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Writers;

/// <summary>What a column's cells are, decided once per column so that writers switch on an enum per cell.</summary>
internal enum CellKind
{
    Text,
    Boolean,
    Bit,
    Byte,
    Short,
    Int,
    Long,
    Float,
    Double,
    FloatComplex,
    DoubleComplex,
    BooleanArray,
    BitArray,
    ByteArray,
    ShortArray,
    IntArray,
    LongArray,
    FloatArray,
    DoubleArray,
    FloatComplexArray,
    DoubleComplexArray,
}

/// <summary>Maps columns to <see cref="CellKind"/>.</summary>
internal static class CellKinds
{
    public static CellKind Of(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var type = column.Field.DataType;
        return column switch
        {
            StringColumn => CellKind.Text,
            ScalarColumn<bool> => type == VoDataType.Bit ? CellKind.Bit : CellKind.Boolean,
            ScalarColumn<byte> => CellKind.Byte,
            ScalarColumn<short> => CellKind.Short,
            ScalarColumn<int> => CellKind.Int,
            ScalarColumn<long> => CellKind.Long,
            ScalarColumn<float> => CellKind.Float,
            ScalarColumn<double> => CellKind.Double,
            ScalarColumn<Complex> => type == VoDataType.FloatComplex ? CellKind.FloatComplex : CellKind.DoubleComplex,
            ArrayColumn<bool> => type == VoDataType.Bit ? CellKind.BitArray : CellKind.BooleanArray,
            ArrayColumn<byte> => CellKind.ByteArray,
            ArrayColumn<short> => CellKind.ShortArray,
            ArrayColumn<int> => CellKind.IntArray,
            ArrayColumn<long> => CellKind.LongArray,
            ArrayColumn<float> => CellKind.FloatArray,
            ArrayColumn<double> => CellKind.DoubleArray,
            ArrayColumn<Complex> => type == VoDataType.FloatComplex ? CellKind.FloatComplexArray : CellKind.DoubleComplexArray,
            _ => throw new NotSupportedException($"column '{column.Name}' of type {column.GetType().Name} cannot be written"),
        };
    }

    public static bool IsArray(this CellKind kind) => kind >= CellKind.BooleanArray;

    public static bool IsComplex(this CellKind kind) =>
        kind is CellKind.FloatComplex or CellKind.DoubleComplex or CellKind.FloatComplexArray or CellKind.DoubleComplexArray;

    /// <summary>Number of elements in a non-null, non-text cell (1 for scalars).</summary>
    public static int ElementCount(Column column, CellKind kind, int row) => kind switch
    {
        CellKind.BooleanArray or CellKind.BitArray => ((ArrayColumn<bool>)column).GetSpan(row).Length,
        CellKind.ByteArray => ((ArrayColumn<byte>)column).GetSpan(row).Length,
        CellKind.ShortArray => ((ArrayColumn<short>)column).GetSpan(row).Length,
        CellKind.IntArray => ((ArrayColumn<int>)column).GetSpan(row).Length,
        CellKind.LongArray => ((ArrayColumn<long>)column).GetSpan(row).Length,
        CellKind.FloatArray => ((ArrayColumn<float>)column).GetSpan(row).Length,
        CellKind.DoubleArray => ((ArrayColumn<double>)column).GetSpan(row).Length,
        CellKind.FloatComplexArray or CellKind.DoubleComplexArray => ((ArrayColumn<Complex>)column).GetSpan(row).Length,
        CellKind.Text => ((StringColumn)column).GetChars(row).Length,
        _ => 1,
    };
}
