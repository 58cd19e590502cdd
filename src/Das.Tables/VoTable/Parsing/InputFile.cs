namespace Das.Tables.VoTable.Parsing;

/// <summary>Opens a table file the way the readers read it: once, front to back, through their own buffers.</summary>
internal static class InputFile
{
    public static FileStream OpenSequential(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.Read,
        BufferSize = 0, // the readers buffer themselves; a FileStream buffer would copy every byte once more
        Options = FileOptions.SequentialScan,
    });
}
