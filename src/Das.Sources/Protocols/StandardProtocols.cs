using Das.Vo.Answers;
using Das.Vo.Scs;
using Das.Vo.Sia;
using Das.Vo.Ssa;
using Das.Vo.Vizier;

namespace Das.Sources.Protocols;

/// <summary>The IVOA cone-shaped protocols and VizieR, each as the request it builds.</summary>
internal static class StandardProtocols
{
    /// <summary>Simple Cone Search 1.03: RA, DEC, SR in degrees (plus fixed parameters such as VERB).</summary>
    public static RequestProtocol Scs(VoQueryClient client) => new("scs", client, p => new ScsQuery
    {
        Endpoint = p.Endpoint,
        RaDeg = p.Search.Position.Ra,
        DecDeg = p.Search.Position.Dec,
        RadiusDeg = p.Search.RadiusDeg,
        MaxRecords = p.Definition.MaxRows,
    }.BuildRequest());

    /// <summary>SIA 1.0: POS and SIZE, the full width of the region (the FOV, or the fixed radius's diameter).</summary>
    public static RequestProtocol Sia1(VoQueryClient client) => new("sia1", client, p => new Sia1Query
    {
        Endpoint = p.Endpoint,
        RaDeg = p.Search.Position.Ra,
        DecDeg = p.Search.Position.Dec,
        SizeDeg = p.Descriptor.RadiusDeg is { } r ? 2 * r : p.Search.Query.FovArcmin / 60.0,
    }.BuildRequest());

    /// <summary>SIA 2.0: POS=CIRCLE ra dec radius, MAXREC.</summary>
    public static RequestProtocol Sia2(VoQueryClient client) => new("sia2", client, p => new Sia2Query
    {
        Endpoint = p.Endpoint,
        Region = new Sia2Region.Circle(p.Search.Position.Ra, p.Search.Position.Dec, p.Search.RadiusDeg),
        MaxRecords = p.MaxRows,
    }.BuildRequest());

    /// <summary>SSA 1.1: POS, SIZE (the diameter of the search region), MAXREC.</summary>
    public static RequestProtocol Ssa(VoQueryClient client) => new("ssa", client, p => new SsaQuery
    {
        Endpoint = p.Endpoint,
        RaDeg = p.Search.Position.Ra,
        DecDeg = p.Search.Position.Dec,
        SizeDeg = 2 * p.Search.RadiusDeg,
        MaxRecords = p.Definition.MaxRows,
    }.BuildRequest());

    /// <summary>VizieR through its ASU VOTable interface: -source, -c, -c.rs, -out.max, -out.add=_r, -out.</summary>
    public static RequestProtocol VizierAsu(VoQueryClient client) => new("vizier", client, p => new VizierAsuQuery
    {
        Endpoint = p.Endpoint,
        Sources = [p.Definition.Table!],
        RaDeg = p.Search.Position.Ra,
        DecDeg = p.Search.Position.Dec,
        RadiusArcsec = p.Search.RadiusDeg * 3600,
        MaxRows = p.MaxRows,
        Columns = p.Definition.Columns,
    }.BuildRequest(), NeedsTable("a VizieR source needs 'table' (a catalogue or table id such as II/246/out)"), fixedParameters: false);

    /// <summary>VizieR tables through TAPVizieR (the table id as a delimited identifier, RAJ2000/DEJ2000 by default).</summary>
    public static RequestProtocol VizierTap(VoQueryClient client) => new("vizier-tap", client, p => new TapVizierCone
    {
        BaseUrl = p.Endpoint,
        Table = p.Definition.Table!,
        RaDeg = p.Search.Position.Ra,
        DecDeg = p.Search.Position.Dec,
        RadiusArcsec = p.Search.RadiusDeg * 3600,
        MaxRows = p.MaxRows,
        Columns = p.Definition.Columns,
        RaColumn = p.Definition.RaColumn ?? "RAJ2000",
        DecColumn = p.Definition.DecColumn ?? "DEJ2000",
    }.Build().BuildSyncRequest(), NeedsTable("a TAPVizieR source needs 'table' (a VizieR table id such as VIII/65/nvss)"), fixedParameters: false);

    private static Func<Catalog.SourceDefinition, IEnumerable<string>> NeedsTable(string message) =>
        d => string.IsNullOrWhiteSpace(d.Table) ? [message] : [];
}
