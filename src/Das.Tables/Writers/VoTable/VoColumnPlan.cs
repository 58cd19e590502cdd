using System.Globalization;
using System.Text;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Writers.VoTable;

/// <summary>
/// How one column is written: the FIELD as declared after the fixes a valid document needs, and the bytes of a
/// null cell. Decided by one scan of the column before the header is written (rows are never buffered):
/// <list type="bullet">
/// <item>duplicate or blank names get a suffix or a name (<c>x</c>, <c>x_2</c>; <c>col3</c>), since validators reject duplicates;</item>
/// <item>a <c>char</c> column holding any non-ASCII text is declared <c>unicodeChar</c> (char is ASCII in BINARY2);</item>
/// <item>text is declared <c>*</c> unless it has a fixed size all cells fit (single characters and bounded <c>N*</c>
/// sizes too: empty cells stay representable, and astropy before 7.1 misreads bounded char arrays in BINARY2);
/// arrays whose cells overflow a bound are widened to a variable last dimension, so nothing is cut;</item>
/// <item>in BINARY2, multi-dimensional variable arrays (<c>2x*</c>) are declared flattened (<c>*</c>): STIL and
/// astropy disagree on what their element count counts;</item>
/// <item>a fixed-size integer array with null cells gets a VALUES null (the declared one, else the type's minimum,
/// 255 for unsignedByte) because TABLEDATA cannot leave a fixed array empty.</item>
/// </list>
/// </summary>
internal sealed class VoColumnPlan
{
    private VoColumnPlan(Column column, CellKind kind, string name, VoDataType dataType, ArraySize arraySize,
        string? nullValue, byte[] padElement)
    {
        Column = column;
        Kind = kind;
        Name = name;
        DataType = dataType;
        ArraySize = arraySize;
        NullValue = nullValue;
        PadElement = padElement;
        IsVariable = arraySize.IsVariable;
        Step = Math.Max(1, arraySize.FixedElementCount);
        FixedCount = arraySize.IsScalar ? 1 : arraySize.IsVariable ? -1 : arraySize.FixedElementCount;
        TableDataNull = BuildTableDataNull();
    }

    public Column Column { get; }

    public Field Source => Column.Field;

    public CellKind Kind { get; }

    public string Name { get; }

    public VoDataType DataType { get; }

    public ArraySize ArraySize { get; }

    /// <summary>The VALUES <c>null</c> attribute to write, or null.</summary>
    public string? NullValue { get; }

    /// <summary>True when the last dimension is variable (a 4-byte count precedes the cell in BINARY2).</summary>
    public bool IsVariable { get; }

    /// <summary>Elements per step of the last dimension (1 for one-dimensional arrays).</summary>
    public int Step { get; }

    /// <summary>Elements per cell of a fixed-size field (1 for scalars), -1 when variable.</summary>
    public int FixedCount { get; }

    /// <summary>The text of one padding/null element of an array cell.</summary>
    public byte[] PadElement { get; }

    /// <summary>What TD holds for a null cell (empty, or a full fixed array of element nulls).</summary>
    public byte[] TableDataNull { get; }

    /// <summary>Plans every column of <paramref name="table"/>.</summary>
    public static List<VoColumnPlan> For(Table table, bool binary2)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var plans = new List<VoColumnPlan>(table.Columns.Count);
        for (int i = 0; i < table.Columns.Count; i++)
        {
            plans.Add(Create(table.Columns[i], i, table.RowCount, names, binary2));
        }
        return plans;
    }

    private static VoColumnPlan Create(Column column, int index, int rows, HashSet<string> names, bool binary2)
    {
        var field = column.Field;
        var kind = CellKinds.Of(column);
        string name = UniqueName(field.Name, index, names);
        var dataType = field.DataType;
        var size = field.ArraySize;
        string? nullValue = ValidNull(field);

        if (kind == CellKind.Text)
        {
            (bool nonAscii, int maxLength) = ScanText((StringColumn)column, rows);
            if (dataType == VoDataType.Char && nonAscii)
            {
                dataType = VoDataType.UnicodeChar;
            }
            // Bounded text ("12*") is written as "*": astropy before 7.1 reads bounded char arrays in BINARY2 as
            // fixed-size ones. Multi-dimensional text (arrays of strings) is written flattened, which astropy
            // can read at all. Nothing is lost: the cells are the same characters.
            size = size.Rank >= 2 ? (size.IsVariable ? ArraySize.Variable : ArraySize.Fixed(size.FixedElementCount))
                : size.IsScalar || size.IsVariable ? ArraySize.Variable
                : maxLength > size.Dimensions[0] ? ArraySize.Variable
                : size;
            return new VoColumnPlan(column, kind, name, dataType, size, nullValue, []);
        }

        if (kind.IsArray() && size.IsVariable && size.Rank >= 2 && binary2)
        {
            // STIL counts the elements of a "3x*" cell in BINARY2 and astropy counts its steps of 3: only the
            // one-dimensional form is read alike by both, so the cell is declared flattened ("*").
            size = ArraySize.Variable;
        }
        if (kind.IsArray() && size.IsVariable && size.MaxLast is int bound)
        {
            int step = Math.Max(1, size.FixedElementCount);
            int longest = 0;
            for (int row = 0; row < rows; row++)
            {
                longest = Math.Max(longest, CellKinds.ElementCount(column, kind, row));
            }
            if ((longest + step - 1) / step > bound)
            {
                size = Widen(size);
            }
        }

        bool fixedArray = kind.IsArray() && !size.IsVariable;
        bool integer = kind is CellKind.ByteArray or CellKind.ShortArray or CellKind.IntArray or CellKind.LongArray;
        if (fixedArray && integer && column.NullCount > 0 && nullValue is null)
        {
            nullValue = kind switch
            {
                CellKind.ByteArray => "255",
                CellKind.ShortArray => short.MinValue.ToString(CultureInfo.InvariantCulture),
                CellKind.IntArray => int.MinValue.ToString(CultureInfo.InvariantCulture),
                _ => long.MinValue.ToString(CultureInfo.InvariantCulture),
            };
        }
        byte[] pad = kind switch
        {
            CellKind.FloatArray or CellKind.DoubleArray => "NaN"u8.ToArray(),
            CellKind.FloatComplexArray or CellKind.DoubleComplexArray => "NaN NaN"u8.ToArray(),
            CellKind.BooleanArray => "?"u8.ToArray(),
            CellKind.BitArray => "0"u8.ToArray(),
            _ when integer => Encoding.ASCII.GetBytes(nullValue ?? "0"),
            _ => [],
        };
        return new VoColumnPlan(column, kind, name, dataType, size, nullValue, pad);
    }

    private byte[] BuildTableDataNull()
    {
        // TABLEDATA readers (STIL) reject an empty TD where a fixed number of elements is due, and bits have no null.
        switch (Kind)
        {
            case CellKind.FloatComplex or CellKind.DoubleComplex: return "NaN NaN"u8.ToArray();
            case CellKind.Boolean: return "?"u8.ToArray();
            case CellKind.Bit: return "0"u8.ToArray();
        }
        if (!Kind.IsArray() || IsVariable)
        {
            return [];
        }
        var bytes = new List<byte>();
        for (int i = 0; i < FixedCount; i++)
        {
            if (i > 0)
            {
                bytes.Add((byte)' ');
            }
            bytes.AddRange(PadElement);
        }
        return [.. bytes];
    }

    private static string UniqueName(string? name, int index, HashSet<string> names)
    {
        string baseName = string.IsNullOrWhiteSpace(name)
            ? string.Create(CultureInfo.InvariantCulture, $"col{index + 1}")
            : name;
        string candidate = baseName;
        for (int n = 2; !names.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{baseName}_{n}");
        }
        return candidate;
    }

    private static (bool NonAscii, int MaxLength) ScanText(StringColumn column, int rows)
    {
        bool nonAscii = false;
        int max = 0;
        for (int row = 0; row < rows; row++)
        {
            var chars = column.GetChars(row);
            max = Math.Max(max, chars.Length);
            nonAscii = nonAscii || !Ascii.IsValid(chars);
        }
        return (nonAscii, max);
    }

    /// <summary>The declared VALUES null when it is a valid value of the datatype, otherwise null.</summary>
    private static string? ValidNull(Field field)
    {
        string? text = field.Values?.Null?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var inv = CultureInfo.InvariantCulture;
        bool ok = field.DataType switch
        {
            VoDataType.UnsignedByte => byte.TryParse(text, NumberStyles.Integer, inv, out _),
            VoDataType.Short => short.TryParse(text, NumberStyles.Integer, inv, out _),
            VoDataType.Int => int.TryParse(text, NumberStyles.Integer, inv, out _),
            VoDataType.Long => long.TryParse(text, NumberStyles.Integer, inv, out _),
            VoDataType.Char or VoDataType.UnicodeChar => XmlText.IsClean(text),
            _ => false, // floating point nulls are NaN; boolean and bit have none
        };
        return ok ? text : null;
    }

    private static ArraySize Widen(ArraySize size)
    {
        var sb = new StringBuilder();
        var dims = size.Dimensions;
        for (int i = 0; i < dims.Length - 1; i++)
        {
            sb.Append(dims[i].ToString(CultureInfo.InvariantCulture)).Append('x');
        }
        sb.Append('*');
        return ArraySize.Parse(sb.ToString());
    }
}
