using System.Globalization;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Sources.Protocols;
using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Vo.Adql;
using Das.Vo.Answers;
using Das.Vo.Errors;
using Das.Vo.Http;
using Das.Vo.Tap;
using Das.Vo.Vosi;

namespace Das.Sources.Redshifts;

/// <summary>
/// <c>tap-redshifts</c>: every table of a TAP service that has a redshift column. One ADQL query on TAP_SCHEMA finds the
/// tables whose columns carry UCD <c>src.redshift…</c>, with their position, id, error and quality columns; then one
/// cone per table (up to <see cref="MaxTables"/>, in parallel) reads the redshifts near the position. A table whose
/// query fails is named in the notes and the others are kept; every row carries the cone query that returned it.
/// </summary>
internal sealed class TapRedshiftProtocol(VoQueryClient client) : ISourceProtocol
{
    /// <summary>Most tables queried per service (the rest are named in the notes).</summary>
    public const int MaxTables = 20;

    // The UCDs a table needs to be queried (redshift, position) and those worth reading with it. Each is a fixed
    // literal: nothing of the user's reaches this ADQL.
    private static readonly string[] Patterns =
        ["src.redshift%", "stat.error;src.redshift%", "pos.eq.ra%", "pos.eq.dec%", "meta.id;meta.main%", "meta.code.qual%", "meta.bib.bibcode%"];

    private static readonly AdqlFragment Discovery = AdqlTemplate.Parse(
        "SELECT c.table_name, t.description AS table_description, c.column_name, c.datatype, c.unit, c.ucd, c.description" +
        " FROM TAP_SCHEMA.columns AS c JOIN TAP_SCHEMA.tables AS t ON t.table_name = c.table_name WHERE " +
        string.Join(" OR ", Patterns.Select((_, i) => "c.ucd LIKE {p" + i.ToString(CultureInfo.InvariantCulture) + "}")))
        .Render(Patterns.Select((p, i) => (Key: "p" + i.ToString(CultureInfo.InvariantCulture), Value: AdqlLiteral.Text(p)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    public string Name => "tap-redshifts";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        if (definition.Table is not null || definition.Columns.Count > 0 || definition.Adql is not null || definition.Async)
        {
            yield return "a tap-redshifts source finds its tables in TAP_SCHEMA: give no 'table', 'columns', 'adql' or 'async'";
        }
        foreach (var problem in ProtocolSettings.Unknown(definition, Name))
        {
            yield return problem;
        }
    }

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(definition, descriptor, client);

    /// <summary>The TAP_SCHEMA query (pure).</summary>
    public static TapQuery DiscoveryQuery(Uri tapBase) => new() { BaseUrl = tapBase, Adql = Discovery };

    /// <summary>The tables worth a cone: a redshift column and a position; the rest, each with the reason it is left out.</summary>
    public static (IReadOnlyList<(SchemaTable Table, SchemaColumn Ra, SchemaColumn Dec)> Usable, IReadOnlyList<string> Skipped) Candidates(ServiceSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var usable = new List<(SchemaTable, SchemaColumn, SchemaColumn)>();
        var skipped = new List<string>();
        foreach (var table in schema.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (!table.Columns.Any(c => Primary(c) is { } p && p.StartsWith("src.redshift", StringComparison.Ordinal)))
            {
                continue;
            }
            var ra = Position(table, "pos.eq.ra");
            var dec = Position(table, "pos.eq.dec");
            if (ra is null || dec is null)
            {
                skipped.Add($"{table.Name}: it has a redshift column but no position column (UCD pos.eq.ra/pos.eq.dec), so no cone can be asked");
                continue;
            }
            if (usable.Count == MaxTables)
            {
                skipped.Add(string.Create(CultureInfo.InvariantCulture, $"{table.Name}: not asked, only the first {MaxTables} tables with redshifts are"));
                continue;
            }
            usable.Add((table, ra, dec));
        }
        return (usable, skipped);
    }

    private static SchemaColumn? Position(SchemaTable table, string ucd)
    {
        var all = table.Columns.Where(c => Primary(c) == ucd).ToList();
        return all.FirstOrDefault(c => Ucd.Words(c.Ucd).Contains("meta.main", StringComparer.Ordinal)) ?? all.FirstOrDefault();
    }

    private static string? Primary(SchemaColumn column) => Ucd.Words(column.Ucd) is { Count: > 0 } words ? words[0] : null;

    private sealed class Source(SourceDefinition definition, SourceDescriptor descriptor, VoQueryClient client) : IDataSource, IRedshiftSource
    {
        private readonly VoCallOptions _call = SourceCalls.Options(definition, descriptor);
        private readonly VoTableReaderOptions _reader = VoTableReaderOptions.Default with
        {
            MaxBytes = SourceCalls.MaxBytes(definition),
        };

        private long MaxRows => definition.MaxRows ?? 200;

        public SourceDescriptor Descriptor { get; } = descriptor;

        public SourceRequest Plan(SourceSearch search)
        {
            ArgumentNullException.ThrowIfNull(search);
            try
            {
                // Checked now, so a cone the service cannot take fails before anything is sent.
                if (!(search.RadiusDeg is > 0 and <= 180))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the radius {search.RadiusDeg} deg must be in (0, 180]"));
                }
                var discovery = DiscoveryQuery(new Uri(definition.Endpoint!)).BuildSyncRequest();
                // The look-up does not depend on the position; the answer (the cones' rows) does.
                var key = discovery.CacheKey + string.Create(CultureInfo.InvariantCulture,
                    $"\ncones at {search.Position.Ra:R} {search.Position.Dec:R} radius {search.RadiusDeg:R} deg, TOP {MaxRows}");
                return new RedshiftSearchRequest(discovery, search, key);
            }
            catch (ArgumentException ex)
            {
                throw VoFailures.BadInput(ex);
            }
        }

        public async Task<SourceAnswer> FetchAsync(SourceRequest request, CancellationToken cancellationToken)
        {
            var (discovery, search, _) = (RedshiftSearchRequest)request;
            ServiceSchema schema;
            try
            {
                var answer = await client.QueryAsync(discovery, _call, null, cancellationToken).ConfigureAwait(false);
                schema = TapSchemaQuery.ReadSchema(answer.Table);
            }
            catch (VoException ex)
            {
                throw VoFailures.ToSourceFailure(ex);
            }
            catch (FormatException ex)
            {
                throw new SourceFailureException(SourceFailureKind.Format, "the TAP_SCHEMA answer is not usable: " + ex.Message, false, ex);
            }
            var (usable, skipped) = Candidates(schema);
            var notes = new List<string>(skipped);
            var rows = new RedshiftRows($"Tables with redshift columns at {definition.Endpoint}");
            if (usable.Count == 0)
            {
                notes.Add("no table of this service has a redshift column (UCD src.redshift) with a position");
                return new SourceAnswer { Table = rows.Build(), Notes = notes };
            }
            var cones = usable.Select(u => ConeAsync(u.Table, u.Ra, u.Dec, search, cancellationToken)).ToList();
            var done = await Task.WhenAll(cones).ConfigureAwait(false);
            var cut = new List<string>();
            SourceFailureException? firstFailure = null;
            foreach (var cone in done)
            {
                if (cone.Failure is { } failure)
                {
                    firstFailure ??= failure;
                    notes.Add($"{cone.Table.Name}: {failure.Message}");
                    continue;
                }
                var answer = cone.Answer!;
                var catalogue = new RedshiftCatalogue(cone.Table.Name, cone.Table.Description, Descriptor.Id, answer.Request.Provenance);
                RedshiftNormaliser.Append(answer.Table, search.Position, catalogue, rows);
                notes.AddRange(answer.Diagnostics.Select(d => $"{cone.Table.Name}: {d}"));
                if (answer.Table.Truncation is { } t)
                {
                    cut.Add($"{cone.Table.Name}: {t.Message}");
                }
            }
            if (firstFailure is not null && done.All(c => c.Failure is not null))
            {
                throw new SourceFailureException(firstFailure.Kind,
                    done.Length == 1 ? firstFailure.Message : $"every table failed; {cones.Count} tables, the first: {firstFailure.Message}",
                    firstFailure.IsTransient, firstFailure);
            }
            var truncation = cut.Count == 0 ? null : new Truncation(TruncationReason.ServiceOverflow, string.Join("; ", cut));
            return new SourceAnswer { Table = rows.Build(truncation), Notes = notes };
        }

        private async Task<Cone> ConeAsync(SchemaTable table, SchemaColumn ra, SchemaColumn dec, SourceSearch search, CancellationToken cancellationToken)
        {
            try
            {
                if (!AdqlIdentifier.TryParse(table.Name, out var tableId, out _) && !AdqlIdentifier.TryFromName(table.Name, out tableId, out var error))
                {
                    throw new SourceFailureException(SourceFailureKind.Input, $"the table name is not an ADQL identifier: {error}");
                }
                var columns = table.Columns.Select(c => AdqlIdentifier.TryFromName(c.Name, out var id, out _) ? id : null).OfType<AdqlIdentifier>()
                    .DistinctBy(c => c.ToString()).ToList();
                var adql = AdqlCone.Build(tableId, columns, Name(ra), Name(dec), search.Position.Ra, search.Position.Dec, search.RadiusDeg, MaxRows);
                var query = new TapQuery { BaseUrl = new Uri(definition.Endpoint!), Adql = adql, MaxRecords = MaxRows };
                var answer = await client.QueryAsync(query.BuildSyncRequest(), _call, _reader, cancellationToken).ConfigureAwait(false);
                return new Cone(table, answer, null);
            }
            catch (VoException ex)
            {
                return new Cone(table, null, VoFailures.ToSourceFailure(ex));
            }
            catch (SourceFailureException ex)
            {
                return new Cone(table, null, ex);
            }
            catch (ArgumentException ex)
            {
                return new Cone(table, null, VoFailures.BadInput(ex));
            }
        }

        private static AdqlIdentifier Name(SchemaColumn column) =>
            AdqlIdentifier.TryFromName(column.Name, out var id, out var error) ? id : throw new ArgumentException($"column '{column.Name}': {error}");

        private sealed record Cone(SchemaTable Table, VoTableAnswer? Answer, SourceFailureException? Failure);
    }
}
