namespace Das.Jobs.Uploads;

/// <summary>One file of an upload as the host reads it: the name the user gave and its bytes, read once.</summary>
public sealed record UploadedFile(string? FileName, Stream Content);
