using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Tables.VoTable.Diagnostics;

namespace Das.Tables.VoTable.Parsing;

/// <summary>Where a cell is, for diagnostics (line and column are worked out only when one is reported).</summary>
internal readonly record struct CellSite(InputBuffer Input, long Offset, long Row)
{
    public void Report(DiagnosticSink sink, string code, ColumnSlot slot, string message)
    {
        if (!sink.WouldKeep(code))
        {
            sink.Count(code);
            return;
        }
        var (line, column) = Input.LineColumn(Offset);
        sink.Report(code, message, line, column, Offset, Row, slot.Name);
    }
}

/// <summary>Decodes the text of one TABLEDATA cell (or a PARAM value) into a column, by datatype.</summary>
internal static class TextCells
{
    /// <summary>Appends the cell's value; <paramref name="raw"/> has entity references already decoded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Append(ColumnSlot slot, ReadOnlySpan<byte> raw, in CellSite site, DiagnosticSink sink)
    {
        if (slot.IsText)
        {
            AppendText(slot, raw);
            return;
        }
        var text = NumberText.Trim(raw);
        if (text.IsEmpty)
        {
            slot.Column.AppendNull();
            return;
        }
        if (slot.IsArray)
        {
            AppendArray(slot, text, site, sink);
            return;
        }
        switch (slot.Type)
        {
            case VoDataType.Double:
                AppendDouble(Unsafe.As<ScalarColumn<double>>(slot.Column), slot, text, site, sink);
                break;
            case VoDataType.Float:
                AppendFloat(Unsafe.As<ScalarColumn<float>>(slot.Column), slot, text, site, sink);
                break;
            case VoDataType.Long:
            case VoDataType.Int:
            case VoDataType.Short:
            case VoDataType.UnsignedByte:
                AppendInteger(slot, text, site, sink);
                break;
            case VoDataType.Boolean:
                AppendBoolean(Unsafe.As<ScalarColumn<bool>>(slot.Column), slot, text, site, sink);
                break;
            case VoDataType.Bit:
                if (text.Length == 1 && (text[0] == (byte)'0' || text[0] == (byte)'1'))
                {
                    Unsafe.As<ScalarColumn<bool>>(slot.Column).Append(text[0] == (byte)'1');
                }
                else
                {
                    site.Report(sink, VoTableDiagnosticCodes.BadBit, slot, $"'{Shorten(text)}' is not a bit (0 or 1); the cell is null");
                    slot.Column.AppendNull();
                }
                break;
            case VoDataType.FloatComplex:
            case VoDataType.DoubleComplex:
                AppendComplexScalar(slot, text, site, sink);
                break;
            default:
                slot.Column.AppendNull();
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AppendText(ColumnSlot slot, ReadOnlySpan<byte> raw)
    {
        var column = Unsafe.As<StringColumn>(slot.Column);
        if (raw.IsEmpty)
        {
            column.AppendNull();
            return;
        }
        var chars = column.Reserve(raw.Length);
        int n = DecodeUtf8(raw, chars);
        column.CommitReserved(n);
    }

    /// <summary>UTF-8 to UTF-16; short ASCII values (most catalogue text) take a plain loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DecodeUtf8(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        if (bytes.Length <= 48 && chars.Length >= bytes.Length)
        {
            int i = 0;
            for (; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                if (b >= 0x80)
                {
                    break;
                }
                chars[i] = (char)b;
            }
            if (i == bytes.Length)
            {
                return i;
            }
        }
        return Encoding.UTF8.GetChars(bytes, chars);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void AppendDouble(ScalarColumn<double> column, ColumnSlot slot, ReadOnlySpan<byte> text, in CellSite site, DiagnosticSink sink)
    {
        if (NumberText.TryParseDouble(text, out double v))
        {
            if (double.IsNaN(v) || (slot.HasFloatNull && v == slot.FloatNull))
            {
                column.AppendNull();
            }
            else
            {
                column.Append(v);
            }
            return;
        }
        site.Report(sink, VoTableDiagnosticCodes.BadFloat, slot, $"'{Shorten(text)}' is not a floating-point number; the cell is null");
        column.AppendNull();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void AppendFloat(ScalarColumn<float> column, ColumnSlot slot, ReadOnlySpan<byte> text, in CellSite site, DiagnosticSink sink)
    {
        if (NumberText.TryParseFloat(text, out float v))
        {
            if (float.IsNaN(v) || (slot.HasFloatNull && v == slot.FloatNull))
            {
                column.AppendNull();
            }
            else
            {
                column.Append(v);
            }
            return;
        }
        site.Report(sink, VoTableDiagnosticCodes.BadFloat, slot, $"'{Shorten(text)}' is not a floating-point number; the cell is null");
        column.AppendNull();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AppendInteger(ColumnSlot slot, ReadOnlySpan<byte> text, in CellSite site, DiagnosticSink sink)
    {
        if (!NumberText.TryParseLong(text, out long v))
        {
            if (NumberText.TryParseDouble(text, out double d) && double.IsNaN(d))
            {
                slot.Column.AppendNull();
                return;
            }
            site.Report(sink, VoTableDiagnosticCodes.BadInteger, slot, $"'{Shorten(text)}' is not an integer; the cell is null");
            slot.Column.AppendNull();
            return;
        }
        if (slot.HasIntNull && v == slot.IntNull)
        {
            slot.Column.AppendNull();
            return;
        }
        if (!AppendIntegerValue(slot, v))
        {
            site.Report(sink, VoTableDiagnosticCodes.IntegerOutOfRange, slot,
                $"{v.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range for datatype {slot.Type.ToVoName()}; the cell is null");
            slot.Column.AppendNull();
        }
    }

    /// <summary>Appends an integer to a scalar integer column; false when it does not fit the datatype.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static bool AppendIntegerValue(ColumnSlot slot, long v)
    {
        switch (slot.Type)
        {
            case VoDataType.Long:
                Unsafe.As<ScalarColumn<long>>(slot.Column).Append(v);
                return true;
            case VoDataType.Int when v is >= int.MinValue and <= int.MaxValue:
                Unsafe.As<ScalarColumn<int>>(slot.Column).Append((int)v);
                return true;
            case VoDataType.Short when v is >= short.MinValue and <= short.MaxValue:
                Unsafe.As<ScalarColumn<short>>(slot.Column).Append((short)v);
                return true;
            case VoDataType.UnsignedByte when v is >= 0 and <= 255:
                Unsafe.As<ScalarColumn<byte>>(slot.Column).Append((byte)v);
                return true;
            default:
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AppendBoolean(ScalarColumn<bool> column, ColumnSlot slot, ReadOnlySpan<byte> text, in CellSite site, DiagnosticSink sink)
    {
        switch (ParseBoolean(text))
        {
            case 1: column.Append(true); break;
            case 0: column.Append(false); break;
            case -1: column.AppendNull(); break;
            default:
                site.Report(sink, VoTableDiagnosticCodes.BadBoolean, slot, $"'{Shorten(text)}' is not a boolean; the cell is null");
                column.AppendNull();
                break;
        }
    }

    /// <summary>1 true, 0 false, -1 null ('?', empty, NUL, space), -2 invalid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static int ParseBoolean(ReadOnlySpan<byte> text)
    {
        if (text.Length == 1)
        {
            return text[0] switch
            {
                (byte)'T' or (byte)'t' or (byte)'1' => 1,
                (byte)'F' or (byte)'f' or (byte)'0' => 0,
                (byte)'?' or 0 or (byte)' ' => -1,
                _ => -2,
            };
        }
        if (text.IsEmpty)
        {
            return -1;
        }
        if (Ascii.EqualsIgnoreCase(text, "true"u8))
        {
            return 1;
        }
        if (Ascii.EqualsIgnoreCase(text, "false"u8))
        {
            return 0;
        }
        return -2;
    }

    private static void AppendComplexScalar(ColumnSlot slot, ReadOnlySpan<byte> text, in CellSite site, DiagnosticSink sink)
    {
        Span<double> parts = stackalloc double[2];
        int n = SplitNumbers(text, parts, out bool commas, out bool bad);
        var column = Unsafe.As<ScalarColumn<Complex>>(slot.Column);
        if (bad || n != 2)
        {
            site.Report(sink, VoTableDiagnosticCodes.BadComplex, slot, $"'{Shorten(text)}' is not a complex number (two numbers); the cell is null");
            column.AppendNull();
            return;
        }
        if (commas)
        {
            site.Report(sink, VoTableDiagnosticCodes.ArrayCommas, slot, "numbers separated by commas instead of whitespace");
        }
        if (double.IsNaN(parts[0]) && double.IsNaN(parts[1]))
        {
            column.AppendNull();
            return;
        }
        column.Append(new Complex(parts[0], parts[1]));
    }

    private static void AppendArray(ColumnSlot slot, ReadOnlySpan<byte> text, in CellSite site, DiagnosticSink sink)
    {
        int max = text.Length / 2 + 1;
        double[]? rented = null;
        Span<double> values = max <= 256 ? stackalloc double[max] : (rented = System.Buffers.ArrayPool<double>.Shared.Rent(max));
        try
        {
            int n;
            bool commas, bad;
            if (slot.Type == VoDataType.Bit)
            {
                n = SplitBits(text, values, out bad);
                commas = false;
            }
            else if (slot.Type == VoDataType.Boolean)
            {
                n = SplitBooleans(text, values, out bad);
                commas = false;
            }
            else
            {
                n = SplitNumbers(text, values, out commas, out bad);
            }
            if (bad)
            {
                site.Report(sink, slot.Type == VoDataType.Boolean ? VoTableDiagnosticCodes.BadBoolean : VoTableDiagnosticCodes.BadFloat, slot,
                    $"'{Shorten(text)}' is not a list of {slot.Type.ToVoName()} values; the cell is null");
                slot.Column.AppendNull();
                return;
            }
            if (commas)
            {
                site.Report(sink, VoTableDiagnosticCodes.ArrayCommas, slot, "array elements separated by commas instead of whitespace");
            }
            bool complex = slot.Type is VoDataType.FloatComplex or VoDataType.DoubleComplex;
            int elements = complex ? n / 2 : n;
            int expected = slot.Field.ArraySize.IsVariable ? -1 : slot.Field.ArraySize.FixedElementCount;
            if ((complex && n % 2 != 0) || (expected >= 0 && elements != expected))
            {
                site.Report(sink, VoTableDiagnosticCodes.ArrayLength, slot,
                    FormattableString.Invariant($"{elements} elements where arraysize {slot.Field.ArraySize} needs {(expected >= 0 ? expected : elements)}; the cell is null"));
                slot.Column.AppendNull();
                return;
            }
            AppendArrayValues(slot, values[..n]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    private static void AppendArrayValues(ColumnSlot slot, ReadOnlySpan<double> v)
    {
        switch (slot.Column)
        {
            case ArrayColumn<double> c: c.Append(v); break;
            case ArrayColumn<float> c: Fill(c.Reserve(v.Length), v, static d => (float)d); c.CommitReserved(v.Length); break;
            case ArrayColumn<long> c: Fill(c.Reserve(v.Length), v, static d => (long)d); c.CommitReserved(v.Length); break;
            case ArrayColumn<int> c: Fill(c.Reserve(v.Length), v, static d => (int)d); c.CommitReserved(v.Length); break;
            case ArrayColumn<short> c: Fill(c.Reserve(v.Length), v, static d => (short)d); c.CommitReserved(v.Length); break;
            case ArrayColumn<byte> c: Fill(c.Reserve(v.Length), v, static d => (byte)d); c.CommitReserved(v.Length); break;
            case ArrayColumn<bool> c: Fill(c.Reserve(v.Length), v, static d => d != 0); c.CommitReserved(v.Length); break;
            case ArrayColumn<Complex> c:
                var target = c.Reserve(v.Length / 2);
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = new Complex(v[2 * i], v[2 * i + 1]);
                }
                c.CommitReserved(target.Length);
                break;
            default:
                slot.Column.AppendNull();
                break;
        }
    }

    private static void Fill<T>(Span<T> target, ReadOnlySpan<double> source, Func<double, T> convert)
    {
        for (int i = 0; i < source.Length; i++)
        {
            target[i] = convert(source[i]);
        }
    }

    /// <summary>Splits whitespace- (or comma-) separated numbers; integers are exact up to 2^53.</summary>
    public static int SplitNumbers(ReadOnlySpan<byte> text, Span<double> values, out bool commas, out bool bad)
    {
        commas = false;
        bad = false;
        int n = 0;
        int i = 0;
        while (i < text.Length)
        {
            byte b = text[i];
            if (NumberText.IsSpace(b) || b == (byte)',')
            {
                commas |= b == (byte)',';
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && !NumberText.IsSpace(text[i]) && text[i] != (byte)',')
            {
                i++;
            }
            var token = text[start..i];
            if (n >= values.Length)
            {
                bad = true;
                return n;
            }
            if (NumberText.TryParseLong(token, out long l))
            {
                values[n++] = l;
            }
            else if (NumberText.TryParseDouble(token, out double d))
            {
                values[n++] = d;
            }
            else
            {
                bad = true;
                return n;
            }
        }
        return n;
    }

    private static int SplitBits(ReadOnlySpan<byte> text, Span<double> values, out bool bad)
    {
        bad = false;
        int n = 0;
        foreach (byte b in text)
        {
            if (b == (byte)'0' || b == (byte)'1')
            {
                if (n >= values.Length)
                {
                    bad = true;
                    return n;
                }
                values[n++] = b - '0';
            }
            else if (!NumberText.IsSpace(b))
            {
                bad = true;
                return n;
            }
        }
        return n;
    }

    private static int SplitBooleans(ReadOnlySpan<byte> text, Span<double> values, out bool bad)
    {
        bad = false;
        int n = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (NumberText.IsSpace(text[i]))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && !NumberText.IsSpace(text[i]))
            {
                i++;
            }
            int v = ParseBoolean(text[start..i]);
            if (v == -2 || n >= values.Length)
            {
                bad = true;
                return n;
            }
            values[n++] = v == 1 ? 1 : 0;
        }
        return n;
    }

    public static string Shorten(ReadOnlySpan<byte> text)
    {
        var s = Encoding.UTF8.GetString(text.Length > 40 ? text[..40] : text);
        return text.Length > 40 ? s + "…" : s;
    }
}
