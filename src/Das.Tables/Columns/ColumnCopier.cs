using System.Globalization;
using System.Numerics;

namespace Das.Tables.Columns;

/// <summary>Copies one cell between columns of the same kind, through their typed interfaces.</summary>
public static class ColumnCopier
{
    /// <summary>Appends cell <paramref name="row"/> of <paramref name="source"/> to <paramref name="target"/> (same field).</summary>
    public static void CopyCell(Column source, int row, Column target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.IsNull(row))
        {
            target.AppendNull();
            return;
        }
        switch (source, target)
        {
            case (StringColumn s, StringColumn t): t.Append(s.GetChars(row)); break;
            case (ScalarColumn<bool> s, ScalarColumn<bool> t): t.Append(s[row]); break;
            case (ScalarColumn<byte> s, ScalarColumn<byte> t): t.Append(s[row]); break;
            case (ScalarColumn<short> s, ScalarColumn<short> t): t.Append(s[row]); break;
            case (ScalarColumn<int> s, ScalarColumn<int> t): t.Append(s[row]); break;
            case (ScalarColumn<long> s, ScalarColumn<long> t): t.Append(s[row]); break;
            case (ScalarColumn<float> s, ScalarColumn<float> t): t.Append(s[row]); break;
            case (ScalarColumn<double> s, ScalarColumn<double> t): t.Append(s[row]); break;
            case (ScalarColumn<Complex> s, ScalarColumn<Complex> t): t.Append(s[row]); break;
            case (ArrayColumn<bool> s, ArrayColumn<bool> t): t.Append(s.GetSpan(row)); break;
            case (ArrayColumn<byte> s, ArrayColumn<byte> t): t.Append(s.GetSpan(row)); break;
            case (ArrayColumn<short> s, ArrayColumn<short> t): t.Append(s.GetSpan(row)); break;
            case (ArrayColumn<int> s, ArrayColumn<int> t): t.Append(s.GetSpan(row)); break;
            case (ArrayColumn<long> s, ArrayColumn<long> t): t.Append(s.GetSpan(row)); break;
            case (ArrayColumn<float> s, ArrayColumn<float> t): t.Append(s.GetSpan(row)); break;
            case (ArrayColumn<double> s, ArrayColumn<double> t): t.Append(s.GetSpan(row)); break;
            case (ArrayColumn<Complex> s, ArrayColumn<Complex> t): t.Append(s.GetSpan(row)); break;
            default:
                throw new ArgumentException($"cannot copy a {source.GetType().Name} cell into a {target.GetType().Name}", nameof(target));
        }
    }

    /// <summary>
    /// Appends every cell of <paramref name="source"/> to <paramref name="target"/>, a wider kind of column (a CSV
    /// column widened when a later value needs it): values convert to double or long, or to their invariant text.
    /// </summary>
    /// <exception cref="ArgumentException">The target is not a double, long or text column.</exception>
    internal static void AppendWidened(Column source, Column target)
    {
        for (int row = 0; row < source.Count; row++)
        {
            if (source.IsNull(row))
            {
                target.AppendNull();
                continue;
            }
            object? value = source.GetValue(row);
            switch (target)
            {
                case ScalarColumn<double> doubles:
                    doubles.Append(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                case ScalarColumn<long> longs:
                    longs.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case StringColumn text:
                    text.Append(value switch
                    {
                        bool b => b ? "true" : "false",
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        float f => f.ToString("R", CultureInfo.InvariantCulture),
                        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                        _ => value?.ToString() ?? "",
                    });
                    break;
                default:
                    throw new ArgumentException($"column '{source.Name}' cannot widen from {source.Field.DataType} to {target.Field.DataType}", nameof(target));
            }
        }
    }
}
