namespace Das.Tables.Tests.Interop;

/// <summary>A folder per test run under the temp directory; files stay after a failure for inspection.</summary>
internal static class TempFiles
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "das-writer-tests", Guid.NewGuid().ToString("N"));

    public static string NewPath(string name)
    {
        Directory.CreateDirectory(Root);
        return Path.Combine(Root, name);
    }
}
