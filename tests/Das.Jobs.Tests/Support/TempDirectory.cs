namespace Das.Jobs.Tests.Support;

/// <summary>A fresh directory under the system temp folder, removed at dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("das-jobs-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a file still open by an abandoned worker; the OS temp cleaner takes it
        }
    }
}
