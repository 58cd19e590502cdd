namespace Das.Engine.Sources;

/// <summary>
/// A request a source has built: what it will send, shown to users as provenance (the URL, and the ADQL for TAP),
/// and the canonical text the cache key is made from. Sources derive from it to carry their own request object.
/// </summary>
/// <param name="Provenance">The exact request, as a user could repeat it (method, URL, ADQL).</param>
/// <param name="CanonicalKey">The same request in a stable form (parameters in order, uploads hashed); the cache adds the source id and the access scope.</param>
public record SourceRequest(string Provenance, string CanonicalKey);
