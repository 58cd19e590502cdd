namespace Das.Jobs.Model;

/// <summary>
/// One product of a job (UWS "result"): a file on this server's disk, served by the API under
/// <c>/api/jobs/{id}/results/{Name}</c>, or a URL (a HiPS directory served elsewhere).
/// </summary>
/// <param name="Name">Unique within the job; letters, digits, '.', '-', '_' (it appears in URLs).</param>
/// <param name="Path">Absolute path of the file (or directory, for a HiPS) on this server; null when only <paramref name="Url"/> is set.</param>
/// <param name="MediaType">The file's media type (application/fits, image/png, application/x-votable+xml, ...).</param>
/// <param name="Size">Size in bytes; null for a directory.</param>
/// <param name="Url">Where the product can be reached when it is not a single file (a HiPS base URL); null otherwise.</param>
/// <param name="Source">Where it came from: the URL downloaded, or the tool that made it; for provenance.</param>
public sealed record JobResult(
    string Name,
    string? Path,
    string MediaType,
    long? Size,
    string? Url = null,
    string? Source = null);
