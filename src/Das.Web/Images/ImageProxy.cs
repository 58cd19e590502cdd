using System.IO.Compression;
using System.Text;
using Das.Engine.Sources;
using Das.Web.Api;
using Das.Web.Results;

namespace Das.Web.Images;

/// <summary>
/// <c>GET /api/image?url=</c>: an archive's FITS image, fetched by the server and served from this origin so the sky
/// view can overlay it while the page talks to nobody else (its Content-Security-Policy stays 'self', and Aladin
/// Lite never falls back to a third-party proxy). The server is not an open proxy: it fetches only a URL that a
/// source the caller may see listed as an image access URL in a recent answer (<see cref="RecentOutcomes"/>), follows
/// redirects only within that URL's host or the source's host, and stops at a size cap.
/// </summary>
public static class ImageProxy
{
    /// <summary>The named HttpClient the proxy uses (no automatic redirects: each one is checked).</summary>
    public const string HttpClientName = "das-images";

    private const int MaxRedirects = 5;

    /// <summary>Maps <c>GET /api/image</c>.</summary>
    public static IEndpointRouteBuilder MapImageProxy(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/image", GetAsync)
            .WithName("Image")
            .WithSummary("An image (FITS) listed in a recent answer of a source, fetched by the server and served from here for the sky view.");
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext context, string? url, RecentOutcomes recent, IHttpClientFactory clients, ImageOptions options)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return QueryApi.BadParameter("url", "give the image's absolute http(s) URL, as a source's answer lists it");
        }
        var source = recent.ImageSource(uri.AbsoluteUri, QueryApi.Access(context.User));
        if (source is null)
        {
            return TypedResults.Problem(
                "Das fetches only images that a source listed in a recent answer to you: run the query again, then overlay the image.",
                title: "not an image from a recent answer", statusCode: StatusCodes.Status403Forbidden);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
        long cap = (long)(Math.Max(0, options.MaxMegabytes) * 1024 * 1024);
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var failure = await FetchAsync(clients.CreateClient(HttpClientName), uri, source, cap, temp, timeout.Token);
            if (failure is not null)
            {
                await temp.DisposeAsync();
                return TypedResults.Problem($"{source.Title}: {failure}", title: "the image could not be fetched", statusCode: StatusCodes.Status502BadGateway);
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            await temp.DisposeAsync();
            return TypedResults.Problem($"{source.Title}: no complete image within {options.TimeoutSeconds:0} s", title: "the image could not be fetched",
                statusCode: StatusCodes.Status504GatewayTimeout);
        }
        catch (HttpRequestException ex)
        {
            await temp.DisposeAsync();
            return TypedResults.Problem($"{source.Title}: {ex.Message}", title: "the image could not be fetched", statusCode: StatusCodes.Status502BadGateway);
        }
        temp.Position = 0;
        context.Response.Headers.CacheControl = "private, max-age=600";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        // The stream (and its temporary file) is disposed once sent.
        return TypedResults.Stream(temp, "application/fits", fileDownloadName: null);
    }

    /// <summary>Fetches into <paramref name="into"/>; null when it holds a FITS file, else why not.</summary>
    private static async Task<string?> FetchAsync(HttpClient client, Uri uri, SourceDescriptor source, long cap, Stream into, CancellationToken ct)
    {
        var current = uri;
        for (int redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (redirects >= MaxRedirects)
                {
                    return $"more than {MaxRedirects} redirects from {uri.Host}";
                }
                if ((next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                    || !(SameHost(next, uri) || next.Authority.Equals(source.Host, StringComparison.OrdinalIgnoreCase)))
                {
                    return $"the archive redirected the image to {next.Host}, another host, which Das does not fetch";
                }
                current = next;
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                return $"the archive answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} for the image";
            }
            if (response.Content.Headers.ContentLength is long declared && declared > cap && !IsGzip(response))
            {
                return $"the image is {declared / 1048576.0:0.0} MiB, more than the {cap / 1048576.0:0.#} MiB Das fetches (Das:Images:MaxMegabytes)";
            }
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var head = new byte[2];
            int got = await body.ReadAtLeastAsync(head, 2, throwOnEndOfStream: false, ct);
            Stream data = new PrefixedStream(head.AsMemory(0, got), body);
            if (got == 2 && head[0] == 0x1f && head[1] == 0x8b)
            {
                data = new GZipStream(data, CompressionMode.Decompress);
            }
            await using (data)
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await data.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > cap)
                    {
                        return $"the image is more than the {cap / 1048576.0:0.#} MiB Das fetches (Das:Images:MaxMegabytes)";
                    }
                    await into.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            return await IsFitsAsync(into, ct);
        }
    }

    private static bool SameHost(Uri a, Uri b) => a.Host.Equals(b.Host, StringComparison.OrdinalIgnoreCase);

    private static bool IsGzip(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Null when the file starts as FITS does ("SIMPLE  =" in its first card); else what it is instead.</summary>
    private static async Task<string?> IsFitsAsync(Stream file, CancellationToken ct)
    {
        file.Position = 0;
        var first = new byte[80];
        int n = await file.ReadAtLeastAsync(first, first.Length, throwOnEndOfStream: false, ct);
        var text = Encoding.ASCII.GetString(first, 0, n);
        if (text.StartsWith("SIMPLE  =", StringComparison.Ordinal))
        {
            return null;
        }
        if (n == 0)
        {
            return "the archive sent an empty answer instead of the image";
        }
        var shown = new string([.. text.TakeWhile(c => c is >= ' ' and <= '~').Take(40)]);
        return $"the archive's answer is not a FITS file (it starts with \"{shown}\")";
    }

    /// <summary>The bytes already read, then the rest of the stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (!_prefix.IsEmpty)
            {
                int n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }
            return rest.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_prefix.IsEmpty)
            {
                int n = Math.Min(buffer.Length, _prefix.Length);
                _prefix[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }
            return await rest.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
