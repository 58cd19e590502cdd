namespace Das.Jobs.Downloads;

/// <summary>One file could not be downloaded; the message says why, for the user.</summary>
internal sealed class DownloadFailedException(string message) : Exception(message);
