using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Vo.Http;

namespace Das.Sources.Protocols;

/// <summary>What every source built from a definition sends and reads with, whatever its protocol.</summary>
internal static class SourceCalls
{
    /// <summary>The source's whole time budget and its mirrors, for every request it sends.</summary>
    public static VoCallOptions Options(SourceDefinition definition, SourceDescriptor descriptor) => new()
    {
        Budget = descriptor.Budget,
        Mirrors = [.. definition.Mirrors.Select(m => new Uri(m))],
    };

    /// <summary>The largest answer read (<c>maxMegabytes</c>), in bytes.</summary>
    public static long MaxBytes(SourceDefinition definition) =>
        (long)((definition.MaxMegabytes ?? SourceDefaults.MaxMegabytes) * 1024 * 1024);
}
