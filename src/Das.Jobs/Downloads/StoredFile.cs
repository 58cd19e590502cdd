namespace Das.Jobs.Downloads;

/// <summary>A file in the download store, with what is known of its origin.</summary>
/// <param name="Key">sha256(URL + "\n" + scope), lower-case hex.</param>
/// <param name="Path">The file on disk.</param>
/// <param name="Url">Where it came from.</param>
/// <param name="Scope">The access scope it is kept under.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="MediaType">The Content-Type the server sent (application/octet-stream when none).</param>
/// <param name="ETag">The server's ETag, when it sent one.</param>
/// <param name="LastModified">The server's Last-Modified, when it sent one.</param>
/// <param name="Stored">When it arrived.</param>
/// <param name="LastUsed">When it was last stored or asked for (least recently used go first).</param>
public sealed record StoredFile(
    string Key,
    string Path,
    string Url,
    string Scope,
    long Size,
    string MediaType,
    string? ETag,
    string? LastModified,
    DateTimeOffset Stored,
    DateTimeOffset LastUsed);
