using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Vo.Answers;
using Das.Vo.Vizier;

namespace Das.Sources.Protocols;

/// <summary>VizieR through its ASU VOTable interface: -source, -c, -c.rs, -out.max, -out.add=_r, -out.</summary>
internal sealed class VizierAsuProtocol(VoQueryClient client) : ISourceProtocol
{
    public string Name => "vizier";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.Table))
        {
            yield return "a VizieR source needs 'table' (a catalogue or table id such as II/246/out)";
        }
    }

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, client);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client)
        : VoSource(descriptor, definition, client)
    {
        protected override VoSourceRequest Build(SourceSearch search) => new(new VizierAsuQuery
        {
            Endpoint = Endpoint,
            Sources = [Definition.Table!],
            RaDeg = search.Position.Ra,
            DecDeg = search.Position.Dec,
            RadiusArcsec = search.RadiusDeg * 3600,
            MaxRows = MaxRows,
            Columns = Definition.Columns,
        }.BuildRequest());
    }
}

/// <summary>VizieR tables through TAPVizieR (the table id as a delimited identifier, RAJ2000/DEJ2000 by default).</summary>
internal sealed class VizierTapProtocol(VoQueryClient client) : ISourceProtocol
{
    public string Name => "vizier-tap";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.Table))
        {
            yield return "a TAPVizieR source needs 'table' (a VizieR table id such as VIII/65/nvss)";
        }
    }

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, client);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client)
        : VoSource(descriptor, definition, client)
    {
        protected override VoSourceRequest Build(SourceSearch search)
        {
            var query = new TapVizierCone
            {
                BaseUrl = Endpoint,
                Table = Definition.Table!,
                RaDeg = search.Position.Ra,
                DecDeg = search.Position.Dec,
                RadiusArcsec = search.RadiusDeg * 3600,
                MaxRows = MaxRows,
                Columns = Definition.Columns,
                RaColumn = Definition.RaColumn ?? "RAJ2000",
                DecColumn = Definition.DecColumn ?? "DEJ2000",
            }.Build();
            return new VoSourceRequest(query.BuildSyncRequest());
        }
    }
}
