using System.Numerics;
using Das.Tables.Columns;

namespace Das.Tables.Writers;

/// <summary>Spelling rules of a text format for numbers and booleans.</summary>
/// <param name="True">The spelling of true.</param>
/// <param name="False">The spelling of false.</param>
/// <param name="NullBoolean">The spelling of a null element inside a boolean array.</param>
/// <param name="NonFinite">How NaN and infinities are spelled.</param>
internal sealed record TextStyle(byte[] True, byte[] False, byte[] NullBoolean, NonFiniteSpelling NonFinite)
{
    /// <summary>VOTable TABLEDATA: T/F, ?, +Inf/-Inf; bits as 1/0.</summary>
    public static readonly TextStyle VoTable = new("T"u8.ToArray(), "F"u8.ToArray(), "?"u8.ToArray(), NonFiniteSpelling.VoTable);

    /// <summary>CSV: True/False (what astropy, pandas and .NET parse), Infinity/-Infinity.</summary>
    public static readonly TextStyle Csv = new("True"u8.ToArray(), "False"u8.ToArray(), ""u8.ToArray(), NonFiniteSpelling.Common);
}

/// <summary>
/// Writes non-null, non-text cells as text: numbers in invariant shortest round-trip form, array elements and
/// complex parts separated by single spaces (the TABLEDATA convention, reused by CSV).
/// </summary>
internal static class TextCells
{
    /// <summary>
    /// Writes the cell; an array is padded (with <paramref name="padElement"/>) or cut to <paramref name="exactCount"/>
    /// elements when that is not negative, and padded up to a multiple of <paramref name="multipleOf"/> otherwise.
    /// </summary>
    public static void Write(OutputBuffer o, Column column, CellKind kind, int row, TextStyle style,
        int exactCount = -1, int multipleOf = 1, ReadOnlySpan<byte> padElement = default)
    {
        switch (kind)
        {
            case CellKind.Boolean: o.Write(((ScalarColumn<bool>)column)[row] ? style.True : style.False); return;
            case CellKind.Bit: WriteBit(o, ((ScalarColumn<bool>)column)[row], style); return;
            case CellKind.Byte: o.WriteFormatted(((ScalarColumn<byte>)column)[row]); return;
            case CellKind.Short: o.WriteFormatted(((ScalarColumn<short>)column)[row]); return;
            case CellKind.Int: o.WriteFormatted(((ScalarColumn<int>)column)[row]); return;
            case CellKind.Long: o.WriteFormatted(((ScalarColumn<long>)column)[row]); return;
            case CellKind.Float: NumberText.WriteFloat(o, ((ScalarColumn<float>)column)[row], style.NonFinite); return;
            case CellKind.Double: NumberText.WriteDouble(o, ((ScalarColumn<double>)column)[row], style.NonFinite); return;
            case CellKind.FloatComplex: WriteComplex(o, ((ScalarColumn<Complex>)column)[row], single: true, style); return;
            case CellKind.DoubleComplex: WriteComplex(o, ((ScalarColumn<Complex>)column)[row], single: false, style); return;
        }

        int count = CellKinds.ElementCount(column, kind, row);
        int target = exactCount >= 0 ? exactCount : RoundUp(count, multipleOf);
        int shown = Math.Min(count, target);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                o.Write((byte)' ');
            }
            WriteElement(o, column, kind, row, i, style);
        }
        for (int i = shown; i < target; i++)
        {
            if (i > 0)
            {
                o.Write((byte)' ');
            }
            o.Write(padElement);
        }
    }

    /// <summary>Rounds <paramref name="count"/> up to a multiple of <paramref name="step"/>.</summary>
    public static int RoundUp(int count, int step) => step <= 1 ? count : (count + step - 1) / step * step;

    private static void WriteElement(OutputBuffer o, Column column, CellKind kind, int row, int i, TextStyle style)
    {
        switch (kind)
        {
            case CellKind.BooleanArray: o.Write(((ArrayColumn<bool>)column).GetSpan(row)[i] ? style.True : style.False); break;
            case CellKind.BitArray: WriteBit(o, ((ArrayColumn<bool>)column).GetSpan(row)[i], style); break;
            case CellKind.ByteArray: o.WriteFormatted(((ArrayColumn<byte>)column).GetSpan(row)[i]); break;
            case CellKind.ShortArray: o.WriteFormatted(((ArrayColumn<short>)column).GetSpan(row)[i]); break;
            case CellKind.IntArray: o.WriteFormatted(((ArrayColumn<int>)column).GetSpan(row)[i]); break;
            case CellKind.LongArray: o.WriteFormatted(((ArrayColumn<long>)column).GetSpan(row)[i]); break;
            case CellKind.FloatArray: NumberText.WriteFloat(o, ((ArrayColumn<float>)column).GetSpan(row)[i], style.NonFinite); break;
            case CellKind.DoubleArray: NumberText.WriteDouble(o, ((ArrayColumn<double>)column).GetSpan(row)[i], style.NonFinite); break;
            case CellKind.FloatComplexArray: WriteComplex(o, ((ArrayColumn<Complex>)column).GetSpan(row)[i], single: true, style); break;
            case CellKind.DoubleComplexArray: WriteComplex(o, ((ArrayColumn<Complex>)column).GetSpan(row)[i], single: false, style); break;
            default: throw new InvalidOperationException($"{kind} is not an array kind");
        }
    }

    // TABLEDATA spells bits 1/0; CSV spells them like booleans.
    private static void WriteBit(OutputBuffer o, bool value, TextStyle style)
    {
        if (ReferenceEquals(style, TextStyle.VoTable))
        {
            o.Write(value ? (byte)'1' : (byte)'0');
        }
        else
        {
            o.Write(value ? style.True : style.False);
        }
    }

    private static void WriteComplex(OutputBuffer o, Complex value, bool single, TextStyle style)
    {
        if (single)
        {
            NumberText.WriteFloat(o, (float)value.Real, style.NonFinite);
            o.Write((byte)' ');
            NumberText.WriteFloat(o, (float)value.Imaginary, style.NonFinite);
        }
        else
        {
            NumberText.WriteDouble(o, value.Real, style.NonFinite);
            o.Write((byte)' ');
            NumberText.WriteDouble(o, value.Imaginary, style.NonFinite);
        }
    }
}
