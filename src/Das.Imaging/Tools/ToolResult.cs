namespace Das.Imaging.Tools;

/// <summary>A finished run of an external program: its exit code, what it wrote, and how long it took.</summary>
/// <param name="Command">What ran.</param>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="StandardOutput">Everything it wrote to stdout (the last <see cref="ToolRunner.MaxCapturedChars"/> characters).</param>
/// <param name="StandardError">Everything it wrote to stderr (likewise capped).</param>
/// <param name="Elapsed">Wall time from start to exit.</param>
public sealed record ToolResult(ToolCommand Command, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);
