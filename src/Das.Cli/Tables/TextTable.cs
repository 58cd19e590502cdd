using System.Globalization;
using System.Numerics;
using Das.Tables.Model;

namespace Das.Cli.Tables;

/// <summary>Prints a table as aligned text for the terminal: a header with units, the first rows, and a footer.</summary>
internal static class TextTable
{
    private const int MaxWidth = 24;

    public static async Task WriteAsync(TextWriter output, Table table, int maxRows)
    {
        int rows = Math.Min(table.RowCount, maxRows);
        var columns = table.Columns;
        var cells = new string[rows + 2][];
        cells[0] = [.. columns.Select(c => c.Name)];
        cells[1] = [.. columns.Select(c => c.Field.Unit is { Length: > 0 } u ? "[" + u + "]" : "")];
        for (int r = 0; r < rows; r++)
        {
            cells[r + 2] = [.. columns.Select(c => Clip(Format(c.GetValue(r))))];
        }
        await WriteAlignedAsync(output, cells);
        var footer = rows < table.RowCount
            ? $"{table.RowCount} rows (showing {rows}; --max-rows or --out for all)"
            : table.RowCount == 1 ? "1 row" : $"{table.RowCount} rows";
        await output.WriteLineAsync(footer);
        if (table.Truncation is { } truncation)
        {
            await output.WriteLineAsync("truncated: " + truncation.Message);
        }
    }

    /// <summary>Prints rows of text under a header, each column as wide as its widest cell.</summary>
    public static Task WriteRowsAsync(TextWriter output, string[] header, IEnumerable<string[]> rows) =>
        WriteAlignedAsync(output, [header, .. rows]);

    private static async Task WriteAlignedAsync(TextWriter output, string[][] lines)
    {
        var widths = Enumerable.Range(0, lines[0].Length).Select(i => lines.Max(line => line[i].Length)).ToArray();
        foreach (var line in lines)
        {
            await output.WriteLineAsync(string.Join("  ", line.Select((text, i) => text.PadRight(widths[i]))).TrimEnd());
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G10", CultureInfo.InvariantCulture),
        float f => f.ToString("G7", CultureInfo.InvariantCulture),
        Complex c => string.Create(CultureInfo.InvariantCulture, $"{c.Real:G7}{c.Imaginary:+0.######;-0.######}i"),
        Array a => string.Join(' ', a.Cast<object?>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // Remote text is shown as it is, minus control characters that would move the terminal cursor.
    private static string Clip(string text)
    {
        var clean = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
        return clean.Length <= MaxWidth ? clean : clean[..(MaxWidth - 1)] + "…";
    }
}
