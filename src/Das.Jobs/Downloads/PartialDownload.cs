namespace Das.Jobs.Downloads;

/// <summary>What a partial file needs to be resumed safely: the validators of the response it came from.</summary>
internal sealed record PartialDownload(string Url, string? ETag, string? LastModified, long? Total, string MediaType);
