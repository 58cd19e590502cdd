using System.Globalization;
using System.Text;
using Das.Sky.Healpix;

namespace Das.Sky.Moc;

/// <summary>
/// The MOC ASCII serialisation: <c>order/cell cell a-b …</c> groups separated by white space (MOC 2.0) or
/// commas (MOC 1.1). An optional <c>s</c> before an order (MOC 2.0 space prefix) is accepted; time MOCs are refused.
/// </summary>
internal static class MocAscii
{
    public static string Write(Moc moc)
    {
        var perOrder = moc.CellsByOrder();
        var sb = new StringBuilder();
        for (var o = 0; o < perOrder.Length; o++)
        {
            if (perOrder[o] is not { } cells)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{o}/");
            for (var i = 0; i < cells.Count;)
            {
                var j = i;
                while (j + 1 < cells.Count && cells[j + 1] == cells[j] + 1)
                {
                    j++;
                }

                if (i > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(cells[i].ToString(CultureInfo.InvariantCulture));
                if (j > i)
                {
                    sb.Append('-').Append(cells[j].ToString(CultureInfo.InvariantCulture));
                }

                i = j + 1;
            }
        }

        if (perOrder[moc.MaxOrder] is null)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{moc.MaxOrder}/");
        }

        return sb.ToString();
    }

    public static Moc Parse(string text)
    {
        var acc = new RangeAccumulator();
        var maxOrder = -1;
        var order = -1;
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsSeparator(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            var c = text[i];
            if (c is 't' or 'T')
            {
                throw new MocFormatException("Time and space-time MOCs are not supported; expected a space MOC", i);
            }

            if (c is 's' or 'S' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                i++;
                c = text[i];
            }

            if (!char.IsAsciiDigit(c))
            {
                throw new MocFormatException($"Unexpected character '{Printable(c)}'; expected an order, a cell or a range", i);
            }

            var start = i;
            var value = ReadNumber(text, ref i);
            if (i < text.Length && text[i] == '/')
            {
                if (value > Moc.DeepestOrder)
                {
                    throw new MocFormatException($"Order {value} is above 29", start);
                }

                order = (int)value;
                maxOrder = Math.Max(maxOrder, order);
                i++;
                continue;
            }

            if (order < 0)
            {
                throw new MocFormatException($"Cell {value} comes before any 'order/'", start);
            }

            var hi = value;
            if (i < text.Length && text[i] == '-')
            {
                i++;
                if (i == text.Length || !char.IsAsciiDigit(text[i]))
                {
                    throw new MocFormatException("A range needs an end: 'a-b'", i);
                }

                hi = ReadNumber(text, ref i);
                if (hi < value)
                {
                    throw new MocFormatException($"Range {value}-{hi} ends before it starts", start);
                }
            }

            if (hi >= 12L << (2 * order))
            {
                throw new MocFormatException($"Cell {hi} does not exist at order {order} (at most {(12L << (2 * order)) - 1})", start);
            }

            if (i < text.Length && !IsSeparator(text[i]))
            {
                throw new MocFormatException($"Unexpected character '{Printable(text[i])}' after a cell", i);
            }

            var shift = 2 * (Moc.DeepestOrder - order);
            acc.Add(value << shift, (hi + 1) << shift);
        }

        if (maxOrder < 0)
        {
            throw new MocFormatException("The text holds no 'order/'; an empty MOC is written as e.g. '5/'", 0);
        }

        return Moc.FromNormalisedCells(maxOrder, acc);
    }

    private static bool IsSeparator(char c) => c is ' ' or ',' or '\t' or '\r' or '\n';

    private static string Printable(char c) => char.IsControl(c) ? FormattableString.Invariant($"\\u{(int)c:X4}") : c.ToString();

    private static long ReadNumber(string text, ref int i)
    {
        var start = i;
        long value = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            var digit = text[i] - '0';
            if (value > (long.MaxValue - digit) / 10)
            {
                throw new MocFormatException("Number too large", start);
            }

            value = (value * 10) + digit;
            i++;
        }

        return value;
    }
}
