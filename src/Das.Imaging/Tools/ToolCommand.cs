namespace Das.Imaging.Tools;

/// <summary>
/// One run of an external program: the executable and its arguments as a list (never a shell string, so no quoting
/// and no injection), the working directory, and the package that provides it for the message when it is missing.
/// </summary>
public sealed record ToolCommand
{
    /// <summary>The program: a path, or a bare name looked up in PATH.</summary>
    public required string FileName { get; init; }

    /// <summary>The arguments, each passed as one argv entry.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Where the program runs; null for the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>What users call this tool in messages ("Hipsgen", "Montage mAdd").</summary>
    public required string DisplayName { get; init; }

    /// <summary>
    /// The whole sentence telling how to get the tool when it is missing, e.g. "Hipsgen needs Java and the Debian
    /// package aladin: apt-get install aladin default-jre-headless".
    /// </summary>
    public required string InstallHint { get; init; }

    /// <summary>The command as a person would type it (for logs and provenance); arguments with spaces are quoted.</summary>
    public override string ToString() =>
        string.Join(' ', new[] { FileName }.Concat(Arguments).Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? "'" + a + "'" : a));
}
