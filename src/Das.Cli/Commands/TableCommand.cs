using System.CommandLine;
using System.Globalization;
using Das.Cli.Tables;
using Das.Tables.Model;
using Das.Tables.VoTable.Diagnostics;
using Das.Tables.Writers;
using Das.Tables.Writers.Csv;
using Das.Tables.Writers.Json;
using Das.Tables.Writers.VoTable;
using Das.Tables.Writers.Xlsx;

namespace Das.Cli.Commands;

/// <summary><c>das table stats|convert|lint</c>: look at, convert and check table files.</summary>
internal static class TableCommand
{
    private static readonly string[] Formats = ["votable", "votable-td", "csv", "xlsx", "json"];

    public static Command Create()
    {
        var command = new Command("table", "Read, convert and check table files (VOTable 1.1-1.5 or CSV).");
        command.Subcommands.Add(Stats());
        command.Subcommands.Add(Convert());
        command.Subcommands.Add(Lint());
        return command;
    }

    private static Command Stats()
    {
        var file = new Argument<FileInfo>("file") { Description = "A VOTable or CSV file." };
        var command = new Command("stats", "Rows, columns, bytes and read time; one line per column with its type, unit and nulls.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var read = await ReadOrReportAsync(parse, parse.GetValue(file)!, ct);
            if (read is null)
            {
                return DasCli.UsageOrInputError;
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{read.Path}: {read.Tables.Count} table(s), {read.Bytes} bytes, read in {read.Elapsed.TotalSeconds:0.000} s, {read.Diagnostics.Count + read.Suppressed.Values.Sum()} diagnostic(s)"));
            foreach (var (table, index) in read.Tables.Select((t, i) => (t, i + 1)))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"table {index}{(table.Name is null ? "" : " " + table.Name)}: {table.RowCount} rows x {table.Columns.Count} columns{(table.Truncation is { } t ? " (truncated: " + t.Message + ")" : "")}"));
                foreach (var column in table.Columns)
                {
                    var f = column.Field;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {f.Name,-24} {f.DataType.ToVoName() + (f.ArraySize.ToString() is { } a ? "[" + a + "]" : ""),-18} {f.Unit ?? "",-10} {f.Ucd ?? "",-28} nulls={column.NullCount}"));
                }
            }
            return 0;
        });
        return command;
    }

    private static Command Convert()
    {
        var input = new Argument<FileInfo>("in") { Description = "A VOTable or CSV file." };
        var outFile = new Argument<FileInfo>("out") { Description = "The file to write." };
        var format = new Option<string?>("--format")
        {
            Description = "votable (BINARY2), votable-td (TABLEDATA), csv, xlsx or json; by default from the output's extension.",
        };
        format.AcceptOnlyFromAmong(Formats);
        var command = new Command("convert", "Convert a table file to VOTable, CSV, Excel or JSON.") { input, outFile, format };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var target = parse.GetValue(outFile)!;
            var chosen = parse.GetValue(format) ?? FormatFromExtension(target.Name);
            if (chosen is null)
            {
                await error.WriteLineAsync($"das table convert: cannot tell the format of '{target.Name}'; use --format {string.Join('|', Formats)}");
                return DasCli.UsageOrInputError;
            }
            var read = await ReadOrReportAsync(parse, parse.GetValue(input)!, ct);
            if (read is null)
            {
                return DasCli.UsageOrInputError;
            }
            var tables = read.Tables;
            if (chosen == "csv" && tables.Count != 1)
            {
                await error.WriteLineAsync($"das table convert: {read.Path} holds {tables.Count} tables; CSV holds one (use votable, xlsx or json)");
                return DasCli.UsageOrInputError;
            }
            await using (var stream = new FileStream(target.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await WriteAsync(stream, chosen, read.Document!, tables, ct);
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {target.FullName} ({chosen}, {tables.Sum(t => t.RowCount)} rows in {tables.Count} table(s))"));
            return 0;
        });
        return command;
    }

    private static Command Lint()
    {
        var file = new Argument<FileInfo>("file") { Description = "A VOTable or CSV file." };
        var command = new Command("lint", "List Das's diagnostics for a file: code, position, spec section and message. Exit 1 when any is an error.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var read = await ReadOrReportAsync(parse, parse.GetValue(file)!, ct);
            if (read is null)
            {
                return DasCli.UsageOrInputError;
            }
            foreach (var d in read.Diagnostics)
            {
                var where = d.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{d.Line}:{d.Column}") :
                    d.ByteOffset >= 0 ? string.Create(CultureInfo.InvariantCulture, $"byte {d.ByteOffset}") : "-";
                await output.WriteLineAsync($"{d.Code} {d.Severity.ToString().ToLowerInvariant()} {where}{(d.SpecSection is null ? "" : " [" + d.SpecSection + "]")}: {d.Message}");
            }
            foreach (var (code, count) in read.Suppressed)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{code}: {count} more not shown"));
            }
            int errors = read.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{read.Path}: {errors} error(s), {read.Diagnostics.Count - errors} warning(s)"));
            return errors > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>Reads a file, or prints why it cannot be read and returns null.</summary>
    internal static async Task<TableFile?> ReadOrReportAsync(ParseResult parse, FileInfo file, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        if (!file.Exists)
        {
            await error.WriteLineAsync($"das: no such file: {file.FullName}");
            return null;
        }
        var read = await TableFile.ReadAsync(file.FullName, ct);
        if (read.Failure is { } failure)
        {
            await error.WriteLineAsync($"das: {file.Name}: {failure.Message}");
            return null;
        }
        return read;
    }

    internal static string? FormatFromExtension(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".vot" or ".xml" or ".votable" => "votable",
        ".csv" => "csv",
        ".xlsx" => "xlsx",
        ".json" => "json",
        _ => null,
    };

    internal static async Task WriteAsync(Stream stream, string format, VoTableDocument document, IReadOnlyList<Table> tables, CancellationToken ct)
    {
        switch (format)
        {
            case "votable":
                await VoTableWriter.WriteAsync(stream, document, VoTableWriteOptions.Default with { Serialization = VoTableSerialization.Binary2 }, ct);
                break;
            case "votable-td":
                await VoTableWriter.WriteAsync(stream, document, VoTableWriteOptions.Default with { Serialization = VoTableSerialization.TableData }, ct);
                break;
            case "csv":
                await CsvWriter.WriteAsync(stream, tables[0], null, ct);
                break;
            case "xlsx":
                await XlsxWriter.WriteSourcesAsync(stream, Sources(tables), ct);
                break;
            case "json" when tables.Count == 1:
                await TableJsonWriter.WriteAsync(stream, tables[0], null, ct);
                break;
            case "json":
                await TableJsonWriter.WriteSourcesAsync(stream, Sources(tables), document.Description, null, ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format");
        }
    }

    private static IEnumerable<SourceTable> Sources(IReadOnlyList<Table> tables) =>
        tables.Select((t, i) => new SourceTable { SourceId = t.Name ?? "table" + (i + 1).ToString(CultureInfo.InvariantCulture), Table = t, Description = t.Description });
}
