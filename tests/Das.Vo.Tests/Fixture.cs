namespace Das.Vo.Tests;

/// <summary>Opens a fixture file copied next to the test assembly.</summary>
internal static class Fixture
{
    public static Stream Open(string folder, string name) =>
        File.OpenRead(Path.Combine(AppContext.BaseDirectory, folder, "Fixtures", name));
}
