using System.Diagnostics.CodeAnalysis;

namespace Das.Tables.Model;

/// <summary>Names and sizes of the VOTable datatypes.</summary>
public static class VoDataTypes
{
    /// <summary>The attribute value used in FIELD/PARAM <c>datatype</c>.</summary>
    public static string ToVoName(this VoDataType type) => type switch
    {
        VoDataType.Boolean => "boolean",
        VoDataType.Bit => "bit",
        VoDataType.UnsignedByte => "unsignedByte",
        VoDataType.Short => "short",
        VoDataType.Int => "int",
        VoDataType.Long => "long",
        VoDataType.Char => "char",
        VoDataType.UnicodeChar => "unicodeChar",
        VoDataType.Float => "float",
        VoDataType.Double => "double",
        VoDataType.FloatComplex => "floatComplex",
        VoDataType.DoubleComplex => "doubleComplex",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown VOTable datatype"),
    };

    /// <summary>Parses a <c>datatype</c> attribute value (case-sensitive, as the schema requires).</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out VoDataType type)
    {
        switch (name)
        {
            case "boolean": type = VoDataType.Boolean; return true;
            case "bit": type = VoDataType.Bit; return true;
            case "unsignedByte": type = VoDataType.UnsignedByte; return true;
            case "short": type = VoDataType.Short; return true;
            case "int": type = VoDataType.Int; return true;
            case "long": type = VoDataType.Long; return true;
            case "char": type = VoDataType.Char; return true;
            case "unicodeChar": type = VoDataType.UnicodeChar; return true;
            case "float": type = VoDataType.Float; return true;
            case "double": type = VoDataType.Double; return true;
            case "floatComplex": type = VoDataType.FloatComplex; return true;
            case "doubleComplex": type = VoDataType.DoubleComplex; return true;
            default: type = default; return false;
        }
    }

    /// <summary>Bytes one element occupies in BINARY/BINARY2 (bit: 0, because bits are packed per cell).</summary>
    public static int BinarySize(this VoDataType type) => type switch
    {
        VoDataType.Boolean or VoDataType.UnsignedByte or VoDataType.Char => 1,
        VoDataType.Short or VoDataType.UnicodeChar => 2,
        VoDataType.Int or VoDataType.Float => 4,
        VoDataType.Long or VoDataType.Double or VoDataType.FloatComplex => 8,
        VoDataType.DoubleComplex => 16,
        VoDataType.Bit => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown VOTable datatype"),
    };

    /// <summary>True for char and unicodeChar, whose arrays are read as text.</summary>
    public static bool IsText(this VoDataType type) => type is VoDataType.Char or VoDataType.UnicodeChar;

    /// <summary>True for the types that have no in-band null other than NaN (float, double and complex).</summary>
    public static bool IsFloatingPoint(this VoDataType type) =>
        type is VoDataType.Float or VoDataType.Double or VoDataType.FloatComplex or VoDataType.DoubleComplex;

    /// <summary>True for the integer types, whose nulls need a VALUES null value in BINARY (not in BINARY2).</summary>
    public static bool IsInteger(this VoDataType type) =>
        type is VoDataType.UnsignedByte or VoDataType.Short or VoDataType.Int or VoDataType.Long;

    /// <summary>Parses a datatype name or throws <see cref="FormatException"/> naming it.</summary>
    public static VoDataType Parse(string name) =>
        TryParse(name, out var type) ? type : throw new FormatException($"unknown VOTable datatype '{name}'");

    /// <summary>The CLR type one element is held as in a <see cref="Columns.Column"/>.</summary>
    [SuppressMessage("Design", "CA1024", Justification = "Maps an enum value; not a property of anything.")]
    public static Type ClrElementType(this VoDataType type) => type switch
    {
        VoDataType.Boolean or VoDataType.Bit => typeof(bool),
        VoDataType.UnsignedByte => typeof(byte),
        VoDataType.Short => typeof(short),
        VoDataType.Int => typeof(int),
        VoDataType.Long => typeof(long),
        VoDataType.Char or VoDataType.UnicodeChar => typeof(string),
        VoDataType.Float => typeof(float),
        VoDataType.Double => typeof(double),
        VoDataType.FloatComplex or VoDataType.DoubleComplex => typeof(System.Numerics.Complex),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown VOTable datatype"),
    };
}
