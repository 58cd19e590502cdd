using System.Buffers;
using Das.Tables.Columns;
using Das.Tables.Model;

namespace Das.Tables.Writers.Csv;

/// <summary>
/// Writes a table as CSV (RFC 4180), UTF-8 without a byte order mark, streamed row by row through a pooled buffer:
/// a header row of column names; null cells empty; an empty (non-null) string as <c>""</c>; numbers in invariant
/// shortest round-trip form (<c>0.1</c>, <c>1E-300</c>, <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>); booleans
/// and bits as <c>True</c>/<c>False</c>; arrays and complex numbers as space-separated values in one quoted field;
/// text quoted when it holds the delimiter, a quote, CR, LF or edge whitespace, with quotes doubled.
/// astropy (<c>Table.read(format="ascii.csv")</c>), pandas and Excel read it.
/// </summary>
public static class CsvWriter
{
    /// <summary>The media type to serve CSV with.</summary>
    public const string MediaType = "text/csv; charset=utf-8";

    /// <summary>Writes <paramref name="table"/> to <paramref name="stream"/> (flushed, not closed).</summary>
    /// <param name="stream">Where the UTF-8 text goes; only asynchronous writes are made.</param>
    /// <param name="table">The table.</param>
    /// <param name="options">Delimiter, header, line ending; null for <see cref="CsvWriteOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops between rows.</param>
    public static async Task WriteAsync(Stream stream, Table table, CsvWriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(table);
        options ??= CsvWriteOptions.Default;
        if (options.Delimiter is '"' or '\r' or '\n' || options.Delimiter >= 0x80)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Delimiter, "the delimiter must be an ASCII character other than a quote or line break");
        }
        byte delimiter = (byte)options.Delimiter;
        byte[] newLine = System.Text.Encoding.UTF8.GetBytes(options.NewLine);
        var specials = SearchValues.Create(['"', '\r', '\n', options.Delimiter]);
        var columns = table.Columns;
        var kinds = columns.Select(CellKinds.Of).ToArray();

        using var o = new OutputBuffer(stream);
        if (options.WriteHeader)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    o.Write(delimiter);
                }
                WriteText(o, columns[c].Name, specials);
            }
            o.Write(newLine);
        }
        int rows = table.RowCount;
        for (int row = 0; row < rows; row++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    o.Write(delimiter);
                }
                WriteCell(o, columns[c], kinds[c], row, specials);
            }
            o.Write(newLine);
            await o.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }
        await o.FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteCell(OutputBuffer o, Column column, CellKind kind, int row, SearchValues<char> specials)
    {
        if (column.IsNull(row))
        {
            return;
        }
        if (kind == CellKind.Text)
        {
            var text = ((StringColumn)column).GetChars(row);
            if (text.IsEmpty)
            {
                o.Write("\"\""u8);
                return;
            }
            WriteText(o, text, specials);
            return;
        }
        bool quoted = kind.IsArray() || kind.IsComplex();
        if (quoted)
        {
            o.Write((byte)'"');
        }
        TextCells.Write(o, column, kind, row, TextStyle.Csv);
        if (quoted)
        {
            o.Write((byte)'"');
        }
    }

    private static void WriteText(OutputBuffer o, ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        bool quote = text.ContainsAny(specials) || (!text.IsEmpty && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])));
        if (!quote)
        {
            o.WriteUtf8(text);
            return;
        }
        o.Write((byte)'"');
        while (true)
        {
            int i = text.IndexOf('"');
            if (i < 0)
            {
                o.WriteUtf8(text);
                break;
            }
            o.WriteUtf8(text[..(i + 1)]);
            o.Write((byte)'"');
            text = text[(i + 1)..];
        }
        o.Write((byte)'"');
    }
}
