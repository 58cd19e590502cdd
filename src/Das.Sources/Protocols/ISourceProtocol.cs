using Das.Engine.Sources;
using Das.Sources.Catalog;

namespace Das.Sources.Protocols;

/// <summary>
/// Turns a <see cref="SourceDefinition"/> of one protocol into a runnable source. Standard IVOA protocols have one
/// each here; an archive-specific API adds one in its own folder and registers it with
/// <see cref="SourcesServiceCollectionExtensions.AddDasSources"/>.
/// </summary>
public interface ISourceProtocol
{
    /// <summary>The <c>protocol</c> value it handles, e.g. <c>tap</c> or <c>fink</c>.</summary>
    string Name { get; }

    /// <summary>What is wrong with a definition for this protocol (beyond the common checks), one sentence each.</summary>
    IEnumerable<string> Validate(SourceDefinition definition);

    /// <summary>Creates the source from a valid definition.</summary>
    IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor);
}
