using Das.Engine.CrossMatch;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Vo.Answers;
using Das.Vo.Http;

namespace Das.Sources.Protocols;

/// <summary>
/// A protocol whose sources differ only in the request they build (SCS, SIA, SSA, VizieR): a name, an optional
/// check of the definition, and a pure function from the definition and the search to the request; optionally a
/// second one that plans an upload cross-match (VizieR through TAPVizieR).
/// </summary>
internal sealed class RequestProtocol(string name, VoQueryClient client, Func<SourcePlan, VoRequest> build,
    Func<SourceDefinition, IEnumerable<string>>? validate = null, bool fixedParameters = true,
    Func<SourceDefinition, Uri, UploadMatch, VoSourceRequest>? planUpload = null) : ISourceProtocol
{
    public string Name => name;

    public IEnumerable<string> Validate(SourceDefinition definition) => validate?.Invoke(definition) ?? [];

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, client, this);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client, RequestProtocol protocol)
        : VoSource(descriptor, definition, client), IUploadMatchSource
    {
        public bool CanMatchUploads => protocol._planUpload is not null;

        public SourceRequest PlanUploadMatch(UploadMatch match)
        {
            ArgumentNullException.ThrowIfNull(match);
            if (protocol._planUpload is not { } plan)
            {
                throw new SourceFailureException(SourceFailureKind.Input, $"speaks {protocol.Name}, which cannot match an uploaded list");
            }
            try
            {
                return plan(Definition, Endpoint, match);
            }
            catch (ArgumentException ex)
            {
                throw VoFailures.BadInput(ex);
            }
        }

        protected override VoSourceRequest Build(SourceSearch search)
        {
            var request = protocol._build(new SourcePlan(Definition, Descriptor, search, Endpoint, MaxRows));
            return protocol._fixedParameters ? WithFixedParameters(request) : new VoSourceRequest(request);
        }
    }

    private readonly Func<SourcePlan, VoRequest> _build = build;
    private readonly bool _fixedParameters = fixedParameters;
    private readonly Func<SourceDefinition, Uri, UploadMatch, VoSourceRequest>? _planUpload = planUpload;
}

/// <summary>What a request is built from.</summary>
/// <param name="Definition">The source's definition.</param>
/// <param name="Descriptor">Its descriptor.</param>
/// <param name="Search">The search: query, position, radius.</param>
/// <param name="Endpoint">The endpoint URL.</param>
/// <param name="MaxRows">The row limit.</param>
internal sealed record SourcePlan(SourceDefinition Definition, SourceDescriptor Descriptor, SourceSearch Search, Uri Endpoint, long MaxRows);
