using Das.Engine.Sources;
using Das.Vo.Http;
using Das.Vo.Tap;

namespace Das.Sources.Protocols;

/// <summary>A source request that is one VO request (and, for async TAP, the query to run as a job).</summary>
/// <param name="Request">The request, exactly as it will be sent.</param>
/// <param name="AsyncQuery">For TAP sources configured async: the query the UWS job runs.</param>
/// <param name="MaxRows">Rows read at most when not the source's own limit (an upload match asks for more).</param>
/// <param name="OtherService">The request goes to another service than the source's endpoint (a VizieR ASU source's
/// upload match goes to TAPVizieR), so the source's mirrors, which copy the endpoint's host, do not apply.</param>
/// <param name="DropColumns">Columns the service adds that are not the table's (CDS XMatch's angDist): removed from the answer.</param>
public sealed record VoSourceRequest(VoRequest Request, TapQuery? AsyncQuery = null, long? MaxRows = null, bool OtherService = false,
    IReadOnlyList<string>? DropColumns = null)
    : SourceRequest(Request.Provenance, Request.CacheKey);
