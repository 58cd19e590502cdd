using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Das.Jobs.Downloads;

/// <summary>
/// Fetches one URL into the <see cref="DownloadStore"/>, streaming to a partial file (never holding the body in
/// memory), resuming with HTTP Range after a dropped or stalled connection (If-Range with the ETag, else
/// Last-Modified, so a changed file is fetched afresh; from zero when the server ignores Range), enforcing the size
/// cap (a declared size over it is refused before reading; a stream growing past it is stopped), and checking what
/// arrived (the declared size; FITS when the file should be FITS) before it enters the store.
/// </summary>
internal sealed class FileDownloader(IHttpClientFactory clients, DownloadStore store, DownloadOptions options, TimeProvider time)
{
    public const string HttpClientName = "das-downloads";
    private const int BufferSize = 128 * 1024;

    public async Task<StoredFile> DownloadAsync(FileState file, string scope, string? format, CancellationToken cancellationToken)
    {
        var key = DownloadStore.KeyOf(file.Url, scope);
        using var pin = store.Pin(key);
        using var locked = await store.LockAsync(key, cancellationToken);
        if (store.TryGet(key) is { } hit)
        {
            file.SetTotal(hit.Size);
            file.SetBytes(hit.Size);
            file.Message = "already in the download store";
            return hit;
        }
        var partial = store.ReadPartial(key);
        var partPath = store.PartPath(key);
        if (partial is null && File.Exists(partPath))
        {
            File.Delete(partPath);
        }
        long have = partial is null ? 0 : new FileInfo(partPath).Length;
        if (have > 0)
        {
            file.Message = string.Create(CultureInfo.InvariantCulture, $"resuming an earlier partial download at byte {have}");
        }
        file.SetBytes(have);
        file.SetTotal(partial?.Total);
        var client = clients.CreateClient(HttpClientName);
        var failures = 0;
        var resumes = 0;
        string? lastError = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = have;
            try
            {
                (have, partial) = await AttemptAsync(client, file, key, have, partial, cancellationToken);
                if (partial!.Total is { } total && have < total)
                {
                    throw new IOException(string.Create(CultureInfo.InvariantCulture, $"the connection closed at byte {have} of {total}"));
                }
                break;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException or OperationCanceledException)
            {
                // A dropped or stalled connection: resume from what arrived.
                lastError = e is OperationCanceledException ? "no data for " + options.StallTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s" : e.Message;
                partial = store.ReadPartial(key);
                have = partial is not null ? new FileInfo(partPath).Length : 0;
                file.SetBytes(have);
                failures = have > before ? 1 : failures + 1;
                if (failures > options.ResumeAttempts)
                {
                    throw new DownloadFailedException(string.Create(CultureInfo.InvariantCulture,
                        $"gave up after {failures} failed attempts in a row at byte {have}: {lastError}"));
                }
                resumes++;
                file.Message = string.Create(CultureInfo.InvariantCulture, $"resumed {resumes} time(s) after dropped connections; last at byte {have}");
                var backoff = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * (1 << Math.Min(failures, 6))));
                await Task.Delay(backoff, time, cancellationToken);
            }
        }
        var length = new FileInfo(partPath).Length;
        if (partial.Total is { } declared && declared != length)
        {
            store.DeletePartial(key);
            throw new DownloadFailedException(string.Create(CultureInfo.InvariantCulture, $"declared {declared} bytes but {length} arrived"));
        }
        if (file.ExpectFits && FitsCheck.Problem(partPath, file.Url, file.Name) is { } notFits)
        {
            store.DeletePartial(key);
            throw new DownloadFailedException(notFits);
        }
        return store.Commit(key, file.Url, scope, partial.MediaType, partial.ETag, partial.LastModified);
    }

    private async Task<(long Have, PartialDownload Partial)> AttemptAsync(HttpClient client, FileState file, string key, long have, PartialDownload? partial, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Url);
        request.Headers.UserAgent.ParseAdd(options.UserAgent ?? "Das (IVOA-science)");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
        if (have > 0 && partial is not null)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
            if (partial.ETag is { } etag && !etag.StartsWith("W/", StringComparison.Ordinal))
            {
                request.Headers.TryAddWithoutValidation("If-Range", etag);
            }
            else if (partial.LastModified is { } modified)
            {
                request.Headers.TryAddWithoutValidation("If-Range", modified);
            }
        }
        using var stall = new CancellationTokenSource(options.StallTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
        var partPath = store.PartPath(key);
        long? total;
        var append = false;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent when have > 0:
                var range = response.Content.Headers.ContentRange;
                if (range?.From != have)
                {
                    // Not the range asked for: start again rather than splice wrong bytes.
                    store.DeletePartial(key);
                    file.SetBytes(0);
                    throw new IOException("the server answered another range than the one asked for; restarting from zero");
                }
                total = range.Length;
                append = true;
                break;
            case HttpStatusCode.OK:
                if (have > 0)
                {
                    file.Message = "the server ignored the Range request (or the file changed); restarting from zero";
                }
                total = response.Content.Headers.ContentLength;
                have = 0;
                break;
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                store.DeletePartial(key);
                file.SetBytes(0);
                throw new IOException("the server refused the resume range (416); restarting from zero");
            default:
                throw new DownloadFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {file.Url.Host}"));
        }
        if (total is { } t && t > options.MaxFileBytes)
        {
            store.DeletePartial(key);
            throw new DownloadFailedException(string.Create(CultureInfo.InvariantCulture,
                $"the server declares {t} bytes, over the cap of {options.MaxFileBytes} bytes (Das:Downloads:MaxFileMegabytes = {options.MaxFileMegabytes}); nothing was downloaded"));
        }
        if (total is { } room)
        {
            store.MakeRoom(room);
        }
        var next = new PartialDownload(
            file.Url.AbsoluteUri,
            response.Headers.ETag?.ToString() ?? partial?.ETag,
            response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture) ?? partial?.LastModified,
            total,
            response.Content.Headers.ContentType?.MediaType ?? partial?.MediaType ?? "application/octet-stream");
        store.WritePartial(key, next);
        file.SetTotal(total);
        file.SetBytes(have);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            await using var output = new FileStream(partPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            while (true)
            {
                stall.CancelAfter(options.StallTimeout);
                var n = await body.ReadAsync(buffer.AsMemory(0, BufferSize), linked.Token);
                if (n == 0)
                {
                    break;
                }
                if (have + n > options.MaxFileBytes)
                {
                    await output.DisposeAsync();
                    store.DeletePartial(key);
                    throw new DownloadFailedException(string.Create(CultureInfo.InvariantCulture,
                        $"stopped at {have + n} bytes: over the cap of {options.MaxFileBytes} bytes (Das:Downloads:MaxFileMegabytes = {options.MaxFileMegabytes}); the server declared no size"));
                }
                await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                have += n;
                file.AddBytes(n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return (have, next);
    }
}
