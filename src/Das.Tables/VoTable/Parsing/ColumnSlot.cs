using System.Globalization;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.VoTable.Parsing;

/// <summary>How one column is decoded: its field, its column, and what its datatype and arraysize imply.</summary>
internal sealed class ColumnSlot
{
    public ColumnSlot(Field field, int index)
    {
        Field = field;
        Index = index;
        Column = Column.Create(field);
        Type = field.DataType;
        IsText = field.DataType.IsText();
        IsArray = !IsText && !field.ArraySize.IsScalar;
        var size = field.ArraySize;
        IsVariable = size.IsVariable;
        FixedCount = size.IsScalar ? 1 : size.FixedElementCount * (size.IsVariable ? 1 : 1);
        if (size.IsVariable)
        {
            FixedCount = size.FixedElementCount; // elements per step of the variable dimension
        }
        ElementSize = Type.BinarySize();
        if (field.Values?.Null is { } nullText)
        {
            if (Type.IsInteger() && NumberText.TryParseLong(NumberText.Trim(System.Text.Encoding.UTF8.GetBytes(nullText)), out long n))
            {
                HasIntNull = true;
                IntNull = n;
            }
            else if (Type.IsFloatingPoint() && double.TryParse(nullText, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && !double.IsNaN(d))
            {
                HasFloatNull = true;
                FloatNull = d;
            }
        }
        // A char with no arraysize is one character.
        if (IsText && size.IsScalar)
        {
            FixedCount = 1;
        }
        BinaryFixedBytes = IsVariable ? -1 : Type == VoDataType.Bit ? (FixedCount + 7) / 8 : FixedCount * ElementSize;
    }

    public Field Field { get; }

    public int Index { get; }

    public string Name => Field.Name;

    public Column Column { get; private set; }

    /// <summary>Empties the column for the next batch of rows: its storage is kept where the column allows, else a new column takes its place.</summary>
    public void ClearColumn()
    {
        if (!Column.TryClear())
        {
            Column = Column.Create(Field);
        }
    }

    public VoDataType Type { get; }

    public bool IsText { get; }

    public bool IsArray { get; }

    public bool IsVariable { get; }

    /// <summary>Elements in a fixed cell (characters for text); for a variable cell, elements per step.</summary>
    public int FixedCount { get; }

    public int ElementSize { get; }

    /// <summary>Bytes of a fixed cell in BINARY, or -1 when the cell starts with a length.</summary>
    public int BinaryFixedBytes { get; }

    public bool HasIntNull { get; }

    public long IntNull { get; }

    public bool HasFloatNull { get; }

    public double FloatNull { get; }

    /// <summary>Relative parsing cost, to balance columns across threads.</summary>
    public int Cost => IsText ? 3 : IsArray ? 6 : Type switch
    {
        VoDataType.Double or VoDataType.DoubleComplex => 4,
        VoDataType.Float or VoDataType.FloatComplex => 3,
        VoDataType.Boolean or VoDataType.Bit => 1,
        _ => 2,
    };
}
