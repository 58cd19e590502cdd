namespace Das.Tables.Tests.Interop;

/// <summary>
/// STILTS votlint, the IVOA community's VOTable validator. It exits 0 even when it reports errors, so the check is
/// on its output: a valid document produces no line at all (not even an INFO).
/// </summary>
internal static class Votlint
{
    public const string Program = "/usr/bin/stilts";

    /// <summary>Everything votlint printed for the file (empty when the document is clean).</summary>
    public static async Task<string> RunAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ExternalTool.RunAsync(Program, ["votlint", "validate=true", "ucd=true", "unit=true", "votable=" + path], cancellationToken);
        return result.AllOutput;
    }

    /// <summary>
    /// Asserts votlint says nothing. STILTS 3.4 knows VOTable up to 1.4 (it reports "Unknown VOTable version" and a
    /// schema error for 1.5), so a 1.5 document is checked as the same bytes with version="1.4" and without COOSYS
    /// refposition, the one 1.5 addition Das writes.
    /// </summary>
    public static async Task AssertCleanAsync(string path, CancellationToken cancellationToken)
    {
        string text = await File.ReadAllTextAsync(path, cancellationToken);
        if (text.Contains("<VOTABLE version=\"1.5\"", StringComparison.Ordinal))
        {
            string as14 = path + ".as14.xml";
            string downgraded = text.Replace("<VOTABLE version=\"1.5\"", "<VOTABLE version=\"1.4\"", StringComparison.Ordinal);
            // COOSYS refposition is the one 1.5 attribute Das writes.
            downgraded = System.Text.RegularExpressions.Regex.Replace(downgraded, "(<COOSYS [^>]*?) refposition=\"[^\"]*\"", "$1");
            await File.WriteAllTextAsync(as14, downgraded, cancellationToken);
            path = as14;
        }
        string output = await RunAsync(path, cancellationToken);
        Assert.True(output.Length == 0, $"votlint reported on {path}:\n{output}");
    }
}
