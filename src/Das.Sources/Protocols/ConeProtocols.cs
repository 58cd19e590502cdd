using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Vo.Answers;
using Das.Vo.Scs;
using Das.Vo.Sia;
using Das.Vo.Ssa;

namespace Das.Sources.Protocols;

/// <summary>Simple Cone Search 1.03: RA, DEC, SR in degrees (plus fixed parameters such as VERB).</summary>
internal sealed class ScsProtocol(VoQueryClient client) : ISourceProtocol
{
    public string Name => "scs";

    public IEnumerable<string> Validate(SourceDefinition definition) => [];

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, client);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client)
        : VoSource(descriptor, definition, client)
    {
        protected override VoSourceRequest Build(SourceSearch search) => WithFixedParameters(new ScsQuery
        {
            Endpoint = Endpoint,
            RaDeg = search.Position.Ra,
            DecDeg = search.Position.Dec,
            RadiusDeg = search.RadiusDeg,
            MaxRecords = Definition.MaxRows,
        }.BuildRequest());
    }
}

/// <summary>SIA 1.0: POS and SIZE (the field of view), FORMAT from the fixed parameters.</summary>
internal sealed class Sia1Protocol(VoQueryClient client) : ISourceProtocol
{
    public string Name => "sia1";

    public IEnumerable<string> Validate(SourceDefinition definition) => [];

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, client);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client)
        : VoSource(descriptor, definition, client)
    {
        // SIZE is the full width of the region: the square of side FOV, or the fixed radius's diameter.
        protected override VoSourceRequest Build(SourceSearch search) => WithFixedParameters(new Sia1Query
        {
            Endpoint = Endpoint,
            RaDeg = search.Position.Ra,
            DecDeg = search.Position.Dec,
            SizeDeg = Descriptor.RadiusDeg is { } r ? 2 * r : search.Query.FovArcmin / 60.0,
        }.BuildRequest());
    }
}

/// <summary>SIA 2.0: POS=CIRCLE ra dec radius, MAXREC.</summary>
internal sealed class Sia2Protocol(VoQueryClient client) : ISourceProtocol
{
    public string Name => "sia2";

    public IEnumerable<string> Validate(SourceDefinition definition) => [];

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, client);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client)
        : VoSource(descriptor, definition, client)
    {
        protected override VoSourceRequest Build(SourceSearch search) => WithFixedParameters(new Sia2Query
        {
            Endpoint = Endpoint,
            Region = new Sia2Region.Circle(search.Position.Ra, search.Position.Dec, search.RadiusDeg),
            MaxRecords = MaxRows,
        }.BuildRequest());
    }
}

/// <summary>SSA 1.1: POS, SIZE (the diameter of the search region), MAXREC, FORMAT from the fixed parameters.</summary>
internal sealed class SsaProtocol(VoQueryClient client) : ISourceProtocol
{
    public string Name => "ssa";

    public IEnumerable<string> Validate(SourceDefinition definition) => [];

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, client);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client)
        : VoSource(descriptor, definition, client)
    {
        protected override VoSourceRequest Build(SourceSearch search) => WithFixedParameters(new SsaQuery
        {
            Endpoint = Endpoint,
            RaDeg = search.Position.Ra,
            DecDeg = search.Position.Dec,
            SizeDeg = 2 * search.RadiusDeg,
            MaxRecords = Definition.MaxRows,
        }.BuildRequest());
    }
}
