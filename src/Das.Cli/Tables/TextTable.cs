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
        var widths = Enumerable.Range(0, columns.Count).Select(i => cells.Max(line => line[i].Length)).ToArray();
        foreach (var line in cells)
        {
            await output.WriteLineAsync(string.Join("  ", line.Select((text, i) => text.PadRight(widths[i]))).TrimEnd());
        }
        var footer = rows < table.RowCount
            ? $"{table.RowCount} rows (showing {rows}; --max-rows or --out for all)"
            : $"{table.RowCount} rows";
        await output.WriteLineAsync(footer);
        if (table.Truncation is { } truncation)
        {
            await output.WriteLineAsync("truncated: " + truncation.Message);
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
