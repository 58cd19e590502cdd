namespace Das.Web.Hosting;

/// <summary>
/// The page's Content-Security-Policy, sent as a header on every answer. Everything comes from this server, except
/// the tiles of public HiPS surveys configured under <c>Das:Sky:Surveys</c>, whose origins are allowed as images
/// and fetches. Aladin Lite needs <c>'wasm-unsafe-eval'</c> (its wasm is inlined) and <c>blob:</c> workers; FITS
/// overlays come through this server's image proxy as blobs; no script is inline and nothing may frame the page.
/// The one other address is the user's own SAMP Web Profile hub on port 21012 (SAMP 1.3 §5.2), for "send to TOPCAT".
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>The SAMP Web Profile hub's address on the user's machine, under both names browsers use for it.</summary>
    public const string SampHub = "http://127.0.0.1:21012 http://localhost:21012";

    /// <summary>The header value for these extra origins (scheme://host[:port] of public surveys).</summary>
    public static string Build(IEnumerable<string> surveyOrigins)
    {
        ArgumentNullException.ThrowIfNull(surveyOrigins);
        var extra = string.Concat(surveyOrigins.Select(o => " " + o));
        return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
            + $"connect-src 'self' data: blob: {SampHub}{extra}; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; "
            + $"img-src 'self' data: blob:{extra}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /// <summary>Adds the policy (and nosniff, no referrer) to every answer.</summary>
    public static IApplicationBuilder UseContentSecurityPolicy(this IApplicationBuilder app, string policy)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
    }
}
