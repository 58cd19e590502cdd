using Das.Engine.Sources;
using Das.Vo.Http;

namespace Das.Sources.Protocols;

/// <summary>
/// A request to an archive's own API: what is sent, and the search it was built for, which reading the answer may
/// need (a cutout's size, the position the image URLs are centred on).
/// </summary>
/// <param name="Request">The HTTP request, exactly as it will be sent.</param>
/// <param name="Search">The search it answers.</param>
/// <param name="KeyExtra">
/// What the answer depends on beyond the request (a cutout size computed from the field of view), appended to the
/// cache key so that two fields never share an answer.
/// </param>
internal sealed record ApiRequest(VoRequest Request, SourceSearch Search, string KeyExtra = "")
    : SourceRequest(Request.Provenance, Request.CacheKey + KeyExtra);
