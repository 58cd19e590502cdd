using System.Globalization;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Sources.Protocols;
using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Vo.Answers;
using Das.Vo.Errors;
using Das.Vo.Http;
using Das.Vo.Vizier;

namespace Das.Sources.Redshifts;

/// <summary>
/// <c>vizier-redshifts</c>: every VizieR table near the position that has a redshift column, found and read in one
/// ASU request, <c>-ucd=src.redshift*</c> with the cone and no <c>-source</c> (reference §1c, option 2: the
/// asu-summary page says <c>-ucd</c> selects "catalogues having one or more columns matching the specified UCD(s)"),
/// with all columns (<c>-out=**</c>) so the redshift and its error are there whatever the table's default columns, and
/// their metadata (<c>-out.meta=huD</c>) so they are found by UCD. Unconfirmed (reference §17.2): that an all-catalogue
/// query with <c>-ucd</c> is accepted and how long it takes, and whether <c>-out.max</c> counts per table.
/// </summary>
internal sealed class VizierRedshiftProtocol(VoHttpClient http) : ISourceProtocol
{
    /// <summary>The UCD pattern VizieR is asked for.</summary>
    public const string UcdPattern = "src.redshift*";

    public string Name => "vizier-redshifts";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        if (definition.Table is not null || definition.Columns.Count > 0 || definition.Adql is not null)
        {
            yield return "a vizier-redshifts source searches every VizieR table with a redshift column: give no 'table', 'columns' or 'adql'";
        }
        foreach (var problem in ProtocolSettings.Unknown(definition, Name))
        {
            yield return problem;
        }
    }

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(definition, descriptor, http);

    private sealed class Source(SourceDefinition definition, SourceDescriptor descriptor, VoHttpClient http) : IDataSource, IRedshiftSource
    {
        private readonly VoCallOptions _call = SourceCalls.Options(definition, descriptor);
        private readonly VoTableReaderOptions _reader = VoTableReaderOptions.Default with
        {
            MaxBytes = SourceCalls.MaxBytes(definition),
        };

        private long MaxRows => definition.MaxRows ?? 50;

        public SourceDescriptor Descriptor { get; } = descriptor;

        public SourceRequest Plan(SourceSearch search)
        {
            ArgumentNullException.ThrowIfNull(search);
            try
            {
                var request = new VizierAsuQuery
                {
                    Endpoint = new Uri(definition.Endpoint!),
                    Ucd = UcdPattern,
                    Columns = ["**"],
                    RaDeg = search.Position.Ra,
                    DecDeg = search.Position.Dec,
                    RadiusArcsec = search.RadiusDeg * 3600,
                    MaxRows = MaxRows,
                }.BuildRequest();
                return new RedshiftSearchRequest(request, search, request.CacheKey);
            }
            catch (ArgumentException ex)
            {
                throw VoFailures.BadInput(ex);
            }
        }

        public async Task<SourceAnswer> FetchAsync(SourceRequest request, CancellationToken cancellationToken)
        {
            var (vo, search, _) = (RedshiftSearchRequest)request;
            try
            {
                await using var response = await http.SendAsync(vo, _call, cancellationToken).ConfigureAwait(false);
                var read = await VoTableReader.ReadAsync(response.Body, _reader, cancellationToken).ConfigureAwait(false);
                var document = Document(vo, read, response.BodyFault);
                var notes = new List<string>();
                var rows = new RedshiftRows("VizieR tables with a redshift column near the position");
                var cut = new List<string>();
                foreach (var (resource, table) in Tables(document))
                {
                    var id = table.Name ?? table.Id ?? resource.Name ?? "?";
                    var catalogue = new RedshiftCatalogue(id, Describe(resource.Description, table.Description), Descriptor.Id, request.Provenance);
                    if (RedshiftNormaliser.Append(table, search.Position, catalogue, rows) < 0)
                    {
                        notes.Add($"{id}: VizieR returned it, but none of its columns is a redshift");
                        continue;
                    }
                    if (Overflowed(resource, table) || table.RowCount >= MaxRows)
                    {
                        cut.Add(string.Create(CultureInfo.InvariantCulture, $"{id} stopped at {table.RowCount} rows"));
                    }
                }
                var truncation = cut.Count == 0 ? null
                    : new Truncation(TruncationReason.ServiceOverflow, string.Join(", ", cut) + string.Create(CultureInfo.InvariantCulture, $" (-out.max={MaxRows})"));
                return new SourceAnswer { Table = rows.Build(truncation), BytesRead = read.BytesRead, Notes = [.. notes, .. read.Diagnostics.Select(d => d.ToString())] };
            }
            catch (VoException ex)
            {
                throw VoFailures.ToSourceFailure(ex);
            }
        }

        // VizieR answers a cone where no table matches with a document that holds no table: that is "nothing here",
        // unless the document carries an error, which the shared reader turns into the service's own words.
        private static VoTableDocument Document(VoRequest request, VoTableReadResult read, BodyFault? fault)
        {
            if (read.Failure is null && read.Document is { } document && !document.AllTables().Any())
            {
                try
                {
                    VoAnswerReader.Interpret(request, read, fault);
                }
                catch (VoFormatException)
                {
                    // No table and no error message: no catalogue with a redshift column here.
                }
                return document;
            }
            return VoAnswerReader.Interpret(request, read, fault).Document;
        }

        private static IEnumerable<(Resource Resource, Table Table)> Tables(VoTableDocument document) =>
            Flatten(document.Resources).SelectMany(r => r.Tables.Select(t => (r, t)));

        private static IEnumerable<Resource> Flatten(IEnumerable<Resource> resources) =>
            resources.SelectMany(r => new[] { r }.Concat(Flatten(r.Resources)));

        private static bool Overflowed(Resource resource, Table table) =>
            table.Truncation is not null || resource.Infos.Concat(table.Infos).Any(i =>
                string.Equals(i.Name, "QUERY_STATUS", StringComparison.OrdinalIgnoreCase) && string.Equals(i.Value.Trim(), "OVERFLOW", StringComparison.OrdinalIgnoreCase));

        private static string? Describe(string? catalogue, string? table)
        {
            catalogue = catalogue?.Trim();
            table = table?.Trim();
            if (string.IsNullOrEmpty(catalogue) || string.Equals(catalogue, table, StringComparison.Ordinal))
            {
                return string.IsNullOrEmpty(table) ? null : table;
            }
            return string.IsNullOrEmpty(table) ? catalogue : catalogue + ": " + table;
        }
    }
}
