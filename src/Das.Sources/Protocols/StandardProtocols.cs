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

    /// <summary>
    /// VizieR through its ASU VOTable interface: -source, -c, -c.rs, -out.max, -out.add=_r, -out. A list is
    /// cross-matched on CDS's side through TAPVizieR (parameter <c>tapEndpoint</c>, default the public one), or
    /// with <c>remoteMatch: xmatch</c> by the CDS XMatch service (<c>xmatchEndpoint</c>).
    /// </summary>
    public static RequestProtocol VizierAsu(VoQueryClient client) => new("vizier", client, p => new VizierAsuQuery
    {
        Endpoint = p.Endpoint,
        Sources = [p.Definition.Table!],
        RaDeg = p.Search.Position.Ra,
        DecDeg = p.Search.Position.Dec,
        RadiusArcsec = p.Search.RadiusDeg * 3600,
        MaxRows = p.MaxRows,
        Columns = p.Definition.Columns,
    }.BuildRequest(), d => NeedsTable("a VizieR source needs 'table' (a catalogue or table id such as II/246/out)")(d).Concat(TapEndpointProblems(d)),
        fixedParameters: false,
        planUpload: (definition, _, match) => UsesCdsXMatch(definition)
            ? CdsXMatchUpload(definition, match)
            : VizierUpload(definition, TapEndpoint(definition), match, otherService: true));

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
    }.Build().BuildSyncRequest(), NeedsTable("a TAPVizieR source needs 'table' (a VizieR table id such as VIII/65/nvss)"), fixedParameters: false,
        planUpload: (definition, endpoint, match) => VizierUpload(definition, endpoint, match, otherService: false));

    /// <summary>The parameter of a VizieR ASU source naming the TAPVizieR that matches uploaded lists.</summary>
    public const string TapEndpointParameter = "tapEndpoint";

    /// <summary>The parameter of a VizieR ASU source choosing the remote match: <c>tapvizier</c> (default) or <c>xmatch</c>.</summary>
    public const string RemoteMatchParameter = "remoteMatch";

    /// <summary>The parameter of a VizieR ASU source naming the CDS XMatch endpoint.</summary>
    public const string XMatchEndpointParameter = "xmatchEndpoint";

    private static bool UsesCdsXMatch(Catalog.SourceDefinition definition) =>
        definition.Parameters.TryGetValue(RemoteMatchParameter, out var how) && how == "xmatch";

    // The CDS XMatch service: the table's own columns come back after angDist and the uploaded das_ columns; the
    // distance is dropped (Das computes its own) and the das_ columns are Das's, so the candidates are the table's.
    private static VoSourceRequest CdsXMatchUpload(Catalog.SourceDefinition definition, Engine.CrossMatch.UploadMatch match)
    {
        var request = new CdsXMatchQuery
        {
            Endpoint = definition.Parameters.TryGetValue(XMatchEndpointParameter, out var url) ? new Uri(url) : CdsXMatchQuery.DefaultEndpoint,
            Table = definition.Table!,
            RadiusArcsec = match.RadiusDeg * 3600,
            Positions = match.Positions,
        }.BuildRequest();
        return new VoSourceRequest(request, null, match.MaxRows, OtherService: true, DropColumns: [CdsXMatchQuery.DistanceColumn]);
    }

    // A VizieR table matched against an uploaded list by TAPVizieR: VizieR's computed J2000 position unless the source
    // names its columns (or lists RA_ICRS/DE_ICRS and not RAJ2000/DEJ2000, as Gaia and SDSS tables do).
    private static VoSourceRequest VizierUpload(Catalog.SourceDefinition definition, Uri tapEndpoint, Engine.CrossMatch.UploadMatch match, bool otherService)
    {
        var query = new TapVizierUploadMatch
        {
            BaseUrl = tapEndpoint,
            Table = definition.Table!,
            Columns = definition.Columns,
            RaColumn = definition.RaColumn ?? PositionColumn(definition, "RAJ2000", "RA_ICRS"),
            DecColumn = definition.DecColumn ?? PositionColumn(definition, "DEJ2000", "DE_ICRS"),
            RadiusDeg = match.RadiusDeg,
            MaxRows = match.MaxRows,
            Positions = match.Positions,
        }.Build();
        return new VoSourceRequest(query.BuildSyncRequest(), null, match.MaxRows, otherService);
    }

    private static string PositionColumn(Catalog.SourceDefinition definition, string j2000, string icrs) =>
        !definition.Columns.Contains(j2000, StringComparer.Ordinal) && definition.Columns.Contains(icrs, StringComparer.Ordinal) ? icrs : j2000;

    private static Uri TapEndpoint(Catalog.SourceDefinition definition) =>
        definition.Parameters.TryGetValue(TapEndpointParameter, out var url) ? new Uri(url) : TapVizierCone.DefaultBaseUrl;

    private static IEnumerable<string> TapEndpointProblems(Catalog.SourceDefinition definition)
    {
        foreach (var (name, what) in new[] { (TapEndpointParameter, "the TAPVizieR that cross-matches uploaded lists"), (XMatchEndpointParameter, "the CDS XMatch service") })
        {
            if (definition.Parameters.TryGetValue(name, out var url) &&
                !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                yield return $"parameter '{name}' = '{url}' must be an absolute http(s) URL ({what})";
            }
        }
        if (definition.Parameters.TryGetValue(RemoteMatchParameter, out var how) && how is not ("tapvizier" or "xmatch"))
        {
            yield return $"parameter '{RemoteMatchParameter}' = '{how}' must be tapvizier (TAPVizieR upload, the default) or xmatch (the CDS XMatch service)";
        }
    }

    private static Func<Catalog.SourceDefinition, IEnumerable<string>> NeedsTable(string message) =>
        d => string.IsNullOrWhiteSpace(d.Table) ? [message] : [];
}
