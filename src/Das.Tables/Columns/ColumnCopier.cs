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
}
