namespace Das.Sources.Tests;

/// <summary>Reads a fixture file copied next to the test assembly.</summary>
internal static class Fixture
{
    public static string Text(string folder, string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, folder, "Fixtures", name));
}
