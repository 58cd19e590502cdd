using Das.Vo.Http;

namespace Das.Vo.Tap;

/// <summary>The result of an asynchronous TAP job, fetched before the job was deleted.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="JobUrl">Where the job was (provenance).</param>
/// <param name="Request">The request that created the job (with its ADQL).</param>
/// <param name="Body">The result document.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="BodyFault">Why the result stopped early, or null.</param>
public sealed record TapAsyncResult(string JobId, Uri JobUrl, VoRequest Request, Stream Body, string? ContentType, BodyFault? BodyFault);
