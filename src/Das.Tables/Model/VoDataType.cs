namespace Das.Tables.Model;

/// <summary>The primitive datatypes of VOTable (section 2.1 of the VOTable 1.5 recommendation).</summary>
#pragma warning disable CA1720 // The members are VOTable's own datatype names; renaming them would hide the mapping.
public enum VoDataType
{
    /// <summary><c>boolean</c>: one byte, 'T'/'F'/'?' in BINARY, true/false/empty in TABLEDATA.</summary>
    Boolean,
    /// <summary><c>bit</c>: packed bits in BINARY, 0/1 in TABLEDATA.</summary>
    Bit,
    /// <summary><c>unsignedByte</c>: 8-bit unsigned integer.</summary>
    UnsignedByte,
    /// <summary><c>short</c>: 16-bit signed integer.</summary>
    Short,
    /// <summary><c>int</c>: 32-bit signed integer.</summary>
    Int,
    /// <summary><c>long</c>: 64-bit signed integer.</summary>
    Long,
    /// <summary><c>char</c>: one byte, ASCII (UTF-8 tolerated on read).</summary>
    Char,
    /// <summary><c>unicodeChar</c>: UCS-2 (UTF-16 big-endian) code unit.</summary>
    UnicodeChar,
    /// <summary><c>float</c>: IEEE 754 single precision.</summary>
    Float,
    /// <summary><c>double</c>: IEEE 754 double precision.</summary>
    Double,
    /// <summary><c>floatComplex</c>: two singles, real then imaginary.</summary>
    FloatComplex,
    /// <summary><c>doubleComplex</c>: two doubles, real then imaginary.</summary>
    DoubleComplex,
}
#pragma warning restore CA1720
