namespace Das.Engine.Sources;

/// <summary>
/// One archive query the engine can run. Building the request is separate from sending it, so the request can be
/// shown (provenance), keyed in the cache and checked before anything goes out.
/// </summary>
public interface IDataSource
{
    /// <summary>What the source is.</summary>
    SourceDescriptor Descriptor { get; }

    /// <summary>
    /// Builds the request for a search (pure, no I/O). Throws <see cref="SourceFailureException"/> with
    /// <see cref="SourceFailureKind.Input"/> when this source cannot take the search (a radius beyond its limit ...).
    /// </summary>
    SourceRequest Plan(SourceSearch search);

    /// <summary>Sends the request and reads the answer; failures throw <see cref="SourceFailureException"/>.</summary>
    Task<SourceAnswer> FetchAsync(SourceRequest request, CancellationToken cancellationToken);
}
