using System.Text.Json;

namespace Das.Tables.Tests.Interop;

/// <summary>Reads a file Das wrote with astropy (VOTable, CSV) or openpyxl (XLSX) and returns every cell as JSON.</summary>
internal static class Astropy
{
    public const string Python = "/usr/bin/python3";

    private static string Script => Path.Combine(AppContext.BaseDirectory, "Interop", "Scripts", "dump_table.py");

    /// <summary>The dump: <c>{"tables": [{"name", "columns", "rows", ...}], "warnings": [...]}</c>.</summary>
    public static async Task<JsonElement> ReadAsync(string kind, string path, CancellationToken cancellationToken)
    {
        var result = await ExternalTool.RunAsync(Python, [Script, kind, path], cancellationToken);
        Assert.True(result.ExitCode == 0, $"python could not read {path} as {kind}:\n{result.StandardError}");
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return doc.RootElement.Clone();
    }
}
