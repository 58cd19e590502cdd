using Das.Engine.Sources;
using Das.Vo.Http;

namespace Das.Sources.Redshifts;

/// <summary>
/// The request a redshift search starts with (VizieR's one ASU request, or a TAP service's TAP_SCHEMA look-up), and
/// the search it answers: its centre is where separations are measured from.
/// </summary>
/// <param name="Request">The first request sent, shown as the provenance.</param>
/// <param name="Search">The search.</param>
/// <param name="CanonicalKey">The cache key: the request, plus the cone when the request alone does not carry it.</param>
internal sealed record RedshiftSearchRequest(VoRequest Request, SourceSearch Search, string CanonicalKey)
    : SourceRequest(Request.Provenance, CanonicalKey);
