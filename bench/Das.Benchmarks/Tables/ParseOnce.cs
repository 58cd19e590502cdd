using System.Diagnostics;
using System.Globalization;
using Das.Tables.Csv;
using Das.Tables.Model;
using Das.Tables.VoTable;

namespace Das.Benchmarks.Tables;

/// <summary>Reads one file once and prints rows, columns, nulls and timings (for /usr/bin/time and the harness).</summary>
public static class ParseOnce
{
    public static async Task<int> RunAsync(string[] args)
    {
        string path = args[0];
        bool single = args.Contains("--single-core");
        int repeat = args.Contains("--repeat") ? 3 : 1;
        for (int i = 1; i < repeat; i++)
        {
            var sw0 = Stopwatch.StartNew();
            _ = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? (object)await CsvReader.ReadFileAsync(path, new CsvReaderOptions { UseMultipleCores = !single })
                : await VoTableReader.ReadFileAsync(path, new VoTableReaderOptions { UseMultipleCores = !single });
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up run {i}: {sw0.Elapsed.TotalSeconds:F3} s"));
        }
        var sw = Stopwatch.StartNew();
        Table? table;
        string? failure = null;
        int diagnostics;
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            var result = await CsvReader.ReadFileAsync(path, new CsvReaderOptions { UseMultipleCores = !single });
            table = result.Table;
            failure = result.Failure?.Message;
            diagnostics = result.Diagnostics.Count;
        }
        else
        {
            var result = await VoTableReader.ReadFileAsync(path, new VoTableReaderOptions { UseMultipleCores = !single });
            table = result.Document?.FirstResultsTable();
            failure = result.Failure?.Message;
            diagnostics = result.Diagnostics.Count;
            foreach (var d in result.Diagnostics.Take(20))
            {
                Console.Error.WriteLine(d);
            }
            if (table?.Truncation is { } t)
            {
                Console.Error.WriteLine($"truncated: {t.Reason}: {t.Message}");
            }
        }
        double seconds = sw.Elapsed.TotalSeconds;
        long nulls = table?.Columns.Sum(c => (long)c.NullCount) ?? 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"DAS_RESULT {{\"rows\": {table?.RowCount ?? 0}, \"columns\": {table?.Columns.Count ?? 0}, \"nulls\": {nulls}, \"diagnostics\": {diagnostics}, \"parse_s\": {seconds:F3}, \"column_bytes\": {table?.AllocatedBytes ?? 0}, \"data_bytes\": {table?.DataBytes ?? 0}}}"));
        if (args.Contains("--columns") && table is not null)
        {
            foreach (var column in table.Columns)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{column.Name} {column.Field.DataType.ToVoName()} nulls={column.NullCount}"));
            }
        }
        if (failure is not null)
        {
            Console.Error.WriteLine(failure);
            return 1;
        }
        // A cut document is not a complete read: the harness must see a failure.
        return table is null || table.IsTruncated ? 2 : 0;
    }
}
