using Das.Engine.CrossMatch;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Vo.Adql;
using Das.Vo.Answers;
using Das.Vo.Http;
using Das.Vo.Tap;

namespace Das.Sources.Protocols;

/// <summary>
/// TAP sources: the standard cone on a table (<c>table</c>, <c>raColumn</c>, <c>decColumn</c>, <c>columns</c>), or
/// a whole ADQL template with {ra}, {dec}, {radius} and {maxrec}. Sync by default; <c>async: true</c> runs a UWS job.
/// </summary>
internal sealed class TapProtocol(VoQueryClient client) : ISourceProtocol
{
    private static readonly HashSet<string> KnownPlaceholders = new(StringComparer.Ordinal) { "ra", "dec", "radius", "maxrec" };

    public string Name => "tap";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        if (definition.Adql is { } adql)
        {
            if (definition.Table is not null)
            {
                yield return "give either 'table' or 'adql', not both";
            }
            if (!AdqlTemplate.TryParse(adql, out var template, out var error))
            {
                yield return "adql: " + error;
            }
            else
            {
                foreach (var unknown in template.Placeholders.Where(p => !KnownPlaceholders.Contains(p)))
                {
                    yield return $"adql: unknown placeholder {{{unknown}}} (known: {{ra}}, {{dec}}, {{radius}}, {{maxrec}})";
                }
                if (!template.Placeholders.Contains("ra") || !template.Placeholders.Contains("dec"))
                {
                    yield return "adql: the template must use {ra} and {dec}";
                }
            }
            yield break;
        }
        if (definition.Table is null)
        {
            yield return "a TAP source needs 'table' (for the standard cone) or 'adql'";
            yield break;
        }
        foreach (var (what, name) in Identifiers(definition))
        {
            if (!AdqlIdentifier.TryParse(name, out _, out var error))
            {
                yield return $"{what} '{name}' is not an ADQL identifier: {error}";
            }
        }
    }

    private static IEnumerable<(string What, string Name)> Identifiers(SourceDefinition d) =>
        new[] { ("table", d.Table!), ("raColumn", d.RaColumn ?? "ra"), ("decColumn", d.DecColumn ?? "dec") }
            .Concat(d.Columns.Select(c => ("column", c)));

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new TapSource(descriptor, definition, client);

    private sealed class TapSource : VoSource, IUploadMatchSource
    {
        private readonly AdqlTemplate? _template;

        public TapSource(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client)
            : base(descriptor, definition, client)
        {
            _template = definition.Adql is null ? null : AdqlTemplate.Parse(definition.Adql);
        }

        protected override VoSourceRequest Build(SourceSearch search)
        {
            var p = search.Position;
            AdqlFragment adql = _template is null
                ? AdqlCone.Build(
                    AdqlIdentifier.Parse(Definition.Table!),
                    [.. Definition.Columns.Select(AdqlIdentifier.Parse)],
                    AdqlIdentifier.Parse(Definition.RaColumn ?? "ra"),
                    AdqlIdentifier.Parse(Definition.DecColumn ?? "dec"),
                    p.Ra, p.Dec, search.RadiusDeg, MaxRows)
                : _template.Render(new Dictionary<string, AdqlFragment>(StringComparer.Ordinal)
                {
                    ["ra"] = AdqlLiteral.Number(p.Ra),
                    ["dec"] = AdqlLiteral.Number(p.Dec),
                    ["radius"] = AdqlLiteral.Number(search.RadiusDeg),
                    ["maxrec"] = AdqlLiteral.Whole(MaxRows),
                });
            var query = new TapQuery { BaseUrl = Endpoint, Adql = adql, MaxRecords = MaxRows };
            return Definition.Async
                ? new VoSourceRequest(query.BuildAsyncRequest(), query)
                : new VoSourceRequest(query.BuildSyncRequest());
        }

        public bool CanMatchUploads => _template is null;

        public SourceRequest PlanUploadMatch(UploadMatch match)
        {
            ArgumentNullException.ThrowIfNull(match);
            if (!CanMatchUploads)
            {
                throw new SourceFailureException(SourceFailureKind.Input, "is configured with an ADQL template, so it cannot match an uploaded list");
            }
            try
            {
                var adql = AdqlUploadMatch.Build(
                    AdqlIdentifier.Parse(Definition.Table!),
                    [.. Definition.Columns.Select(AdqlIdentifier.Parse)],
                    AdqlIdentifier.Parse(Definition.RaColumn ?? "ra"),
                    AdqlIdentifier.Parse(Definition.DecColumn ?? "dec"),
                    match.RadiusDeg, match.MaxRows);
                var query = new TapQuery
                {
                    BaseUrl = Endpoint,
                    Adql = adql,
                    MaxRecords = match.MaxRows,
                    Uploads = [new VoUpload(AdqlUploadMatch.UploadName, match.Positions)],
                };
                return Definition.Async
                    ? new VoSourceRequest(query.BuildAsyncRequest(), query, match.MaxRows)
                    : new VoSourceRequest(query.BuildSyncRequest(), null, match.MaxRows);
            }
            catch (ArgumentException ex)
            {
                throw VoFailures.BadInput(ex);
            }
        }
    }
}
