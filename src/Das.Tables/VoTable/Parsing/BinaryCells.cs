using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.VoTable.Parsing;

/// <summary>Decodes cells of the BINARY and BINARY2 serializations (big-endian) into typed columns.</summary>
internal static class BinaryCells
{
    /// <summary>Bytes the cell at <paramref name="pos"/> occupies, or -1 when the row is not complete.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static int CellLength(ColumnSlot slot, ReadOnlySpan<byte> row, int pos)
    {
        if (slot.BinaryFixedBytes >= 0)
        {
            return slot.BinaryFixedBytes;
        }
        if (pos + 4 > row.Length)
        {
            return -1;
        }
        int count = BinaryPrimitives.ReadInt32BigEndian(row[pos..]);
        if (count < 0)
        {
            return -2;
        }
        long elements = (long)count * slot.FixedCount;
        long bytes = slot.Type == VoDataType.Bit ? (elements + 7) / 8 : elements * slot.ElementSize;
        return bytes > int.MaxValue - 8 ? -2 : 4 + (int)bytes;
    }

    /// <summary>Appends the cell (which is complete in <paramref name="cell"/>) or a null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(ColumnSlot slot, ReadOnlySpan<byte> cell, bool isNull)
    {
        if (isNull)
        {
            slot.Column.AppendNull();
            return;
        }
        int count;
        if (slot.BinaryFixedBytes < 0)
        {
            count = BinaryPrimitives.ReadInt32BigEndian(cell) * slot.FixedCount;
            cell = cell[4..];
        }
        else
        {
            count = slot.FixedCount;
        }
        if (slot.IsText)
        {
            DecodeText(slot, cell, count);
            return;
        }
        if (!slot.IsArray)
        {
            DecodeScalar(slot, cell);
            return;
        }
        DecodeArray(slot, cell, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DecodeScalar(ColumnSlot slot, ReadOnlySpan<byte> cell)
    {
        switch (slot.Type)
        {
            case VoDataType.Double:
            {
                double v = BinaryPrimitives.ReadDoubleBigEndian(cell);
                var c = Unsafe.As<ScalarColumn<double>>(slot.Column);
                if (double.IsNaN(v) || (slot.HasFloatNull && v == slot.FloatNull))
                {
                    c.AppendNull();
                }
                else
                {
                    c.Append(v);
                }
                break;
            }
            case VoDataType.Float:
            {
                float v = BinaryPrimitives.ReadSingleBigEndian(cell);
                var c = Unsafe.As<ScalarColumn<float>>(slot.Column);
                if (float.IsNaN(v) || (slot.HasFloatNull && v == slot.FloatNull))
                {
                    c.AppendNull();
                }
                else
                {
                    c.Append(v);
                }
                break;
            }
            case VoDataType.Long:
            {
                long v = BinaryPrimitives.ReadInt64BigEndian(cell);
                var c = Unsafe.As<ScalarColumn<long>>(slot.Column);
                if (slot.HasIntNull && v == slot.IntNull)
                {
                    c.AppendNull();
                }
                else
                {
                    c.Append(v);
                }
                break;
            }
            case VoDataType.Int:
            {
                int v = BinaryPrimitives.ReadInt32BigEndian(cell);
                var c = Unsafe.As<ScalarColumn<int>>(slot.Column);
                if (slot.HasIntNull && v == slot.IntNull)
                {
                    c.AppendNull();
                }
                else
                {
                    c.Append(v);
                }
                break;
            }
            case VoDataType.Short:
            {
                short v = BinaryPrimitives.ReadInt16BigEndian(cell);
                var c = Unsafe.As<ScalarColumn<short>>(slot.Column);
                if (slot.HasIntNull && v == slot.IntNull)
                {
                    c.AppendNull();
                }
                else
                {
                    c.Append(v);
                }
                break;
            }
            case VoDataType.UnsignedByte:
            {
                byte v = cell[0];
                var c = Unsafe.As<ScalarColumn<byte>>(slot.Column);
                if (slot.HasIntNull && v == slot.IntNull)
                {
                    c.AppendNull();
                }
                else
                {
                    c.Append(v);
                }
                break;
            }
            case VoDataType.Boolean:
            {
                var c = Unsafe.As<ScalarColumn<bool>>(slot.Column);
                switch (cell[0])
                {
                    case (byte)'T' or (byte)'t' or (byte)'1': c.Append(true); break;
                    case (byte)'F' or (byte)'f' or (byte)'0': c.Append(false); break;
                    default: c.AppendNull(); break;
                }
                break;
            }
            case VoDataType.Bit:
                Unsafe.As<ScalarColumn<bool>>(slot.Column).Append((cell[0] & 0x80) != 0);
                break;
            case VoDataType.FloatComplex:
            {
                float re = BinaryPrimitives.ReadSingleBigEndian(cell), im = BinaryPrimitives.ReadSingleBigEndian(cell[4..]);
                var c = Unsafe.As<ScalarColumn<Complex>>(slot.Column);
                if (float.IsNaN(re) && float.IsNaN(im))
                {
                    c.AppendNull();
                }
                else
                {
                    c.Append(new Complex(re, im));
                }
                break;
            }
            case VoDataType.DoubleComplex:
            {
                double re = BinaryPrimitives.ReadDoubleBigEndian(cell), im = BinaryPrimitives.ReadDoubleBigEndian(cell[8..]);
                var c = Unsafe.As<ScalarColumn<Complex>>(slot.Column);
                if (double.IsNaN(re) && double.IsNaN(im))
                {
                    c.AppendNull();
                }
                else
                {
                    c.Append(new Complex(re, im));
                }
                break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeText(ColumnSlot slot, ReadOnlySpan<byte> cell, int count)
    {
        var column = Unsafe.As<StringColumn>(slot.Column);
        if (slot.Type == VoDataType.UnicodeChar)
        {
            var units = MemoryMarshal.Cast<byte, ushort>(cell[..(count * 2)]);
            var target = column.Reserve(count);
            var targetUnits = MemoryMarshal.Cast<char, ushort>(target);
            if (BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(units, targetUnits);
            }
            else
            {
                units.CopyTo(targetUnits);
            }
            int length = count;
            if (slot.BinaryFixedBytes >= 0)
            {
                int nul = target[..count].IndexOf('\0');
                length = nul < 0 ? count : nul;
            }
            if (length == 0)
            {
                column.AppendNull(); // the reserved span is simply not committed
                return;
            }
            column.CommitReserved(length);
            return;
        }
        var bytes = cell[..count];
        if (slot.BinaryFixedBytes >= 0)
        {
            // Fixed char arrays are padded: cut at the first NUL (as astropy does).
            int nul = bytes.IndexOf((byte)0);
            if (nul >= 0)
            {
                bytes = bytes[..nul];
            }
        }
        if (bytes.IsEmpty)
        {
            column.AppendNull();
            return;
        }
        var chars = column.Reserve(bytes.Length);
        int n = TextCells.DecodeUtf8(bytes, chars);
        column.CommitReserved(n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeArray(ColumnSlot slot, ReadOnlySpan<byte> cell, int count)
    {
        switch (slot.Column)
        {
            case ArrayColumn<double> c:
            {
                var t = c.Reserve(count);
                for (int i = 0; i < count; i++)
                {
                    t[i] = BinaryPrimitives.ReadDoubleBigEndian(cell[(i * 8)..]);
                }
                c.CommitReserved(count);
                break;
            }
            case ArrayColumn<float> c:
            {
                var t = c.Reserve(count);
                for (int i = 0; i < count; i++)
                {
                    t[i] = BinaryPrimitives.ReadSingleBigEndian(cell[(i * 4)..]);
                }
                c.CommitReserved(count);
                break;
            }
            case ArrayColumn<long> c:
            {
                var t = c.Reserve(count);
                for (int i = 0; i < count; i++)
                {
                    t[i] = BinaryPrimitives.ReadInt64BigEndian(cell[(i * 8)..]);
                }
                c.CommitReserved(count);
                break;
            }
            case ArrayColumn<int> c:
            {
                var t = c.Reserve(count);
                for (int i = 0; i < count; i++)
                {
                    t[i] = BinaryPrimitives.ReadInt32BigEndian(cell[(i * 4)..]);
                }
                c.CommitReserved(count);
                break;
            }
            case ArrayColumn<short> c:
            {
                var t = c.Reserve(count);
                for (int i = 0; i < count; i++)
                {
                    t[i] = BinaryPrimitives.ReadInt16BigEndian(cell[(i * 2)..]);
                }
                c.CommitReserved(count);
                break;
            }
            case ArrayColumn<byte> c:
                c.Append(cell[..count]);
                break;
            case ArrayColumn<bool> c when slot.Type == VoDataType.Bit:
            {
                var t = c.Reserve(count);
                for (int i = 0; i < count; i++)
                {
                    t[i] = (cell[i >> 3] & (0x80 >> (i & 7))) != 0;
                }
                c.CommitReserved(count);
                break;
            }
            case ArrayColumn<bool> c:
            {
                var t = c.Reserve(count);
                for (int i = 0; i < count; i++)
                {
                    t[i] = cell[i] is (byte)'T' or (byte)'t' or (byte)'1';
                }
                c.CommitReserved(count);
                break;
            }
            case ArrayColumn<Complex> c:
            {
                var t = c.Reserve(count);
                bool single = slot.Type == VoDataType.FloatComplex;
                for (int i = 0; i < count; i++)
                {
                    t[i] = single
                        ? new Complex(BinaryPrimitives.ReadSingleBigEndian(cell[(i * 8)..]), BinaryPrimitives.ReadSingleBigEndian(cell[(i * 8 + 4)..]))
                        : new Complex(BinaryPrimitives.ReadDoubleBigEndian(cell[(i * 16)..]), BinaryPrimitives.ReadDoubleBigEndian(cell[(i * 16 + 8)..]));
                }
                c.CommitReserved(count);
                break;
            }
            default:
                slot.Column.AppendNull();
                break;
        }
    }
}
