using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Writers.VoTable;

/// <summary>
/// Writes DATA/BINARY2/STREAM (base64): each row is a null bitmask (one bit per column, first column in the
/// most significant bit) followed by every cell in big-endian binary. Rows are encoded into a pooled byte block;
/// whole base64 lines are encoded from it with <see cref="Base64"/> straight into the output buffer.
/// </summary>
internal static class Binary2Encoder
{
    private const int BlockTarget = 57 * 1024; // a multiple of 57 (one 76-character line) and of 3

    public static async Task WriteAsync(XmlMarkup xml, IReadOnlyList<VoColumnPlan> plans, int rows, int lineLength,
        CancellationToken cancellationToken)
    {
        var o = xml.Output;
        xml.Open("DATA"u8);
        xml.OpenDone();
        xml.Open("BINARY2"u8);
        xml.OpenDone();
        xml.Open("STREAM"u8);
        xml.Attr("encoding"u8, "base64");
        o.Write((byte)'>');
        o.Write((byte)'\n');

        var sentinels = plans.Select(IntegerNull).ToArray();
        int bytesPerLine = lineLength == 0 ? 3 * 1024 : lineLength / 4 * 3;
        var block = ArrayPool<byte>.Shared.Rent(BlockTarget * 2);
        try
        {
            int used = 0;
            int maskBytes = (plans.Count + 7) / 8;
            for (int row = 0; row < rows; row++)
            {
                int maskStart = used;
                Reserve(ref block, ref used, maskBytes).Clear();
                for (int c = 0; c < plans.Count; c++)
                {
                    bool isNull = plans[c].Column.IsNull(row);
                    if (isNull)
                    {
                        block[maskStart + (c >> 3)] |= (byte)(0x80 >> (c & 7));
                    }
                    EncodeCell(ref block, ref used, plans[c], row, isNull, sentinels[c]);
                }
                if (used >= BlockTarget)
                {
                    int whole = used / bytesPerLine * bytesPerLine;
                    EmitLines(o, block.AsSpan(0, whole), bytesPerLine, lineLength != 0);
                    block.AsSpan(whole, used - whole).CopyTo(block);
                    used -= whole;
                    await o.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            EmitLines(o, block.AsSpan(0, used), bytesPerLine, lineLength != 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
        o.Write("</STREAM>"u8);
        xml.Close("BINARY2"u8);
        xml.Close("DATA"u8);
    }

    private static void EmitLines(OutputBuffer o, ReadOnlySpan<byte> bytes, int bytesPerLine, bool wrap)
    {
        while (!bytes.IsEmpty)
        {
            int n = Math.Min(bytesPerLine, bytes.Length);
            var span = o.GetSpan(Base64.GetMaxEncodedToUtf8Length(n) + 1);
            Base64.EncodeToUtf8(bytes[..n], span, out _, out int written, isFinalBlock: true);
            o.Advance(written);
            if (wrap || n < bytesPerLine)
            {
                o.Write((byte)'\n');
            }
            bytes = bytes[n..];
        }
    }

    private static Span<byte> Reserve(ref byte[] block, ref int used, int count)
    {
        if (block.Length - used < count)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(block.Length * 2, used + count));
            block.AsSpan(0, used).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(block);
            block = bigger;
        }
        var span = block.AsSpan(used, count);
        used += count;
        return span;
    }

    private static long IntegerNull(VoColumnPlan plan) =>
        long.TryParse(plan.NullValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : 0;

    private static void EncodeCell(ref byte[] block, ref int used, VoColumnPlan plan, int row, bool isNull, long sentinel)
    {
        var column = plan.Column;
        switch (plan.Kind)
        {
            case CellKind.Text:
                EncodeText(ref block, ref used, plan, isNull ? [] : ((StringColumn)column).GetChars(row));
                return;
            case CellKind.Boolean:
                Reserve(ref block, ref used, 1)[0] = isNull ? (byte)'?' : ((ScalarColumn<bool>)column)[row] ? (byte)'T' : (byte)'F';
                return;
            case CellKind.Bit:
                // A single bit is the byte's most significant bit (STIL); astropy up to 7.x tests 0x08 instead.
                // Padding bits are free, so true is written as 0x88 and both read it right.
                Reserve(ref block, ref used, 1)[0] = !isNull && ((ScalarColumn<bool>)column)[row] ? (byte)0x88 : (byte)0;
                return;
            case CellKind.Byte:
                Reserve(ref block, ref used, 1)[0] = isNull ? (byte)sentinel : ((ScalarColumn<byte>)column)[row];
                return;
            case CellKind.Short:
                BinaryPrimitives.WriteInt16BigEndian(Reserve(ref block, ref used, 2), isNull ? (short)sentinel : ((ScalarColumn<short>)column)[row]);
                return;
            case CellKind.Int:
                BinaryPrimitives.WriteInt32BigEndian(Reserve(ref block, ref used, 4), isNull ? (int)sentinel : ((ScalarColumn<int>)column)[row]);
                return;
            case CellKind.Long:
                BinaryPrimitives.WriteInt64BigEndian(Reserve(ref block, ref used, 8), isNull ? sentinel : ((ScalarColumn<long>)column)[row]);
                return;
            case CellKind.Float:
                BinaryPrimitives.WriteSingleBigEndian(Reserve(ref block, ref used, 4), isNull ? float.NaN : ((ScalarColumn<float>)column)[row]);
                return;
            case CellKind.Double:
                BinaryPrimitives.WriteDoubleBigEndian(Reserve(ref block, ref used, 8), isNull ? double.NaN : ((ScalarColumn<double>)column)[row]);
                return;
            case CellKind.FloatComplex:
            case CellKind.DoubleComplex:
                EncodeComplex(Reserve(ref block, ref used, plan.Kind == CellKind.FloatComplex ? 8 : 16),
                    isNull ? new Complex(double.NaN, double.NaN) : ((ScalarColumn<Complex>)column)[row], plan.Kind == CellKind.FloatComplex);
                return;
        }

        int count = isNull ? 0 : CellKinds.ElementCount(column, plan.Kind, row);
        int target = plan.IsVariable ? TextCells.RoundUp(count, plan.Step) : plan.FixedCount;
        if (plan.IsVariable)
        {
            BinaryPrimitives.WriteInt32BigEndian(Reserve(ref block, ref used, 4), target / plan.Step);
        }
        if (plan.Kind == CellKind.BitArray)
        {
            var bits = Reserve(ref block, ref used, (target + 7) / 8);
            bits.Clear();
            var values = isNull ? [] : ((ArrayColumn<bool>)column).GetSpan(row);
            for (int i = 0; i < Math.Min(values.Length, target); i++)
            {
                if (values[i])
                {
                    bits[i >> 3] |= (byte)(0x80 >> (i & 7));
                }
            }
            return;
        }
        int size = plan.DataType.BinarySize();
        var span = Reserve(ref block, ref used, target * size);
        for (int i = 0; i < target; i++)
        {
            var element = span.Slice(i * size, size);
            bool pad = i >= count;
            switch (plan.Kind)
            {
                case CellKind.BooleanArray:
                    element[0] = pad ? (byte)'?' : ((ArrayColumn<bool>)column).GetSpan(row)[i] ? (byte)'T' : (byte)'F';
                    break;
                case CellKind.ByteArray:
                    element[0] = pad ? (byte)sentinel : ((ArrayColumn<byte>)column).GetSpan(row)[i];
                    break;
                case CellKind.ShortArray:
                    BinaryPrimitives.WriteInt16BigEndian(element, pad ? (short)sentinel : ((ArrayColumn<short>)column).GetSpan(row)[i]);
                    break;
                case CellKind.IntArray:
                    BinaryPrimitives.WriteInt32BigEndian(element, pad ? (int)sentinel : ((ArrayColumn<int>)column).GetSpan(row)[i]);
                    break;
                case CellKind.LongArray:
                    BinaryPrimitives.WriteInt64BigEndian(element, pad ? sentinel : ((ArrayColumn<long>)column).GetSpan(row)[i]);
                    break;
                case CellKind.FloatArray:
                    BinaryPrimitives.WriteSingleBigEndian(element, pad ? float.NaN : ((ArrayColumn<float>)column).GetSpan(row)[i]);
                    break;
                case CellKind.DoubleArray:
                    BinaryPrimitives.WriteDoubleBigEndian(element, pad ? double.NaN : ((ArrayColumn<double>)column).GetSpan(row)[i]);
                    break;
                default:
                    EncodeComplex(element, pad ? new Complex(double.NaN, double.NaN) : ((ArrayColumn<Complex>)column).GetSpan(row)[i],
                        plan.Kind == CellKind.FloatComplexArray);
                    break;
            }
        }
    }

    private static void EncodeComplex(Span<byte> span, Complex value, bool single)
    {
        if (single)
        {
            BinaryPrimitives.WriteSingleBigEndian(span, (float)value.Real);
            BinaryPrimitives.WriteSingleBigEndian(span[4..], (float)value.Imaginary);
        }
        else
        {
            BinaryPrimitives.WriteDoubleBigEndian(span, value.Real);
            BinaryPrimitives.WriteDoubleBigEndian(span[8..], value.Imaginary);
        }
    }

    private static void EncodeText(ref byte[] block, ref int used, VoColumnPlan plan, ReadOnlySpan<char> text)
    {
        bool unicode = plan.DataType == VoDataType.UnicodeChar;
        int target = plan.IsVariable ? TextCells.RoundUp(text.Length, plan.Step) : plan.FixedCount;
        if (plan.IsVariable)
        {
            BinaryPrimitives.WriteInt32BigEndian(Reserve(ref block, ref used, 4), target / plan.Step);
        }
        int n = Math.Min(text.Length, target);
        if (unicode)
        {
            var span = Reserve(ref block, ref used, target * 2);
            span.Clear();
            for (int i = 0; i < n; i++)
            {
                // UTF-16 code units; a lone surrogate cannot be meant, so it becomes U+FFFD.
                char c = text[i];
                if (char.IsSurrogate(c) && !IsPaired(text, i))
                {
                    c = XmlText.Replacement;
                }
                BinaryPrimitives.WriteUInt16BigEndian(span[(2 * i)..], c);
            }
        }
        else
        {
            var span = Reserve(ref block, ref used, target);
            span.Clear();
            for (int i = 0; i < n; i++)
            {
                // The plan declared unicodeChar for any column holding non-ASCII, so this is ASCII.
                span[i] = text[i] < 0x80 ? (byte)text[i] : (byte)'?';
            }
        }
    }

    private static bool IsPaired(ReadOnlySpan<char> text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
        : i > 0 && char.IsHighSurrogate(text[i - 1]);
}
