using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Vo.Errors;
using Das.Vo.Http;

namespace Das.Sources.Protocols;

/// <summary>
/// A source answered by an archive's own HTTP API (JSON or text, not a VOTable). Subclasses build the request (pure)
/// and interpret the body (pure); sending goes through <see cref="VoHttpClient"/>, so the budget, retries of
/// idempotent requests, mirrors and the error sentences are those of every VO source.
/// </summary>
internal abstract class ApiSource : IDataSource
{
    private readonly VoHttpClient _http;
    private readonly VoCallOptions _call;

    protected ApiSource(SourceDescriptor descriptor, SourceDefinition definition, VoHttpClient http)
    {
        Descriptor = descriptor;
        Definition = definition;
        _http = http;
        _call = SourceCalls.Options(definition, descriptor);
    }

    public SourceDescriptor Descriptor { get; }

    protected SourceDefinition Definition { get; }

    protected Uri Endpoint => new(Definition.Endpoint!);

    protected long MaxRows => Definition.MaxRows ?? SourceDefaults.MaxRows;

    /// <summary>What the answer should be, for messages: "JSON", "a file list".</summary>
    protected abstract string Expected { get; }

    public SourceRequest Plan(SourceSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        try
        {
            return new ApiRequest(Build(search), search, KeyExtra(search));
        }
        catch (ArgumentException ex)
        {
            throw VoFailures.BadInput(ex);
        }
    }

    /// <summary>Builds the request for a search (pure); an <see cref="ArgumentException"/> means this source cannot take it.</summary>
    protected abstract VoRequest Build(SourceSearch search);

    /// <summary>What the answer depends on beyond the request, for the cache key (see <see cref="ApiRequest.KeyExtra"/>).</summary>
    protected virtual string KeyExtra(SourceSearch search) => "";

    /// <summary>Reads a whole answer body (pure); throws <see cref="SourceFailureException"/> when it is not what the API promises.</summary>
    protected abstract SourceAnswer Interpret(ApiRequest request, ReadOnlyMemory<byte> body);

    public virtual async Task<SourceAnswer> FetchAsync(SourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var api = (ApiRequest)request;
        return Interpret(api, await SendAsync(api.Request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sends one request and reads its body whole, or throws the failure as the engine knows it.</summary>
    protected async Task<ReadOnlyMemory<byte>> SendAsync(VoRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var response = await _http.SendAsync(request, _call, cancellationToken).ConfigureAwait(false);
            await using (response.ConfigureAwait(false))
            {
                return await AnswerBody.ReadAsync(response, MaxBytes, Expected, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (VoException ex)
        {
            throw Translate(ex);
        }
    }

    /// <summary>The client's failure as the engine's; an API whose error bodies need reading overrides it.</summary>
    protected virtual SourceFailureException Translate(VoException exception) => VoFailures.ToSourceFailure(exception);

    private long MaxBytes => (long)((Definition.MaxMegabytes ?? SourceDefaults.MaxMegabytes) * 1024 * 1024);
}
