using Das.Engine.Queries;
using Das.Sky.Positions;

namespace Das.Engine.Sources;

/// <summary>What one source is asked: the query, and the cone this source searches.</summary>
/// <param name="Query">The whole query.</param>
/// <param name="Position">The centre, ICRS.</param>
/// <param name="RadiusDeg">The radius this source searches, degrees (from the query and the source's kind, or the source's own).</param>
public sealed record SourceSearch(SkyQuery Query, SkyPosition Position, double RadiusDeg);
