using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Tables.VoTable;
using Das.Vo.Answers;
using Das.Vo.Errors;
using Das.Vo.Http;

namespace Das.Sources.Protocols;

/// <summary>
/// A source answered by one VOTable-returning VO request (SCS, SIA, SSA, TAP, VizieR): subclasses build the
/// request; sending and reading are shared, with the source's budget, mirrors and byte cap.
/// </summary>
internal abstract class VoSource : IDataSource
{
    private readonly VoQueryClient _client;
    private readonly VoCallOptions _call;
    private readonly VoTableReaderOptions _reader;

    protected VoSource(SourceDescriptor descriptor, SourceDefinition definition, VoQueryClient client)
    {
        Descriptor = descriptor;
        Definition = definition;
        _client = client;
        _call = SourceCalls.Options(definition, descriptor);
        // The row limit caps reading too: SIA 1, SSA and archive APIs send no MAXREC, so without it a service could
        // hand over every epoch of a survey where the configuration asked for a few hundred rows.
        _reader = VoTableReaderOptions.Default with
        {
            MaxBytes = SourceCalls.MaxBytes(definition),
            MaxRows = definition.MaxRows,
        };
    }

    public SourceDescriptor Descriptor { get; }

    protected SourceDefinition Definition { get; }

    protected Uri Endpoint => new(Definition.Endpoint!);

    protected long MaxRows => Definition.MaxRows ?? SourceDefaults.MaxRows;

    public SourceRequest Plan(SourceSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        try
        {
            return Build(search);
        }
        catch (ArgumentException ex)
        {
            throw VoFailures.BadInput(ex);
        }
    }

    /// <summary>Builds the request for a search; an <see cref="ArgumentException"/> means this source cannot take it.</summary>
    protected abstract VoSourceRequest Build(SourceSearch search);

    public async Task<SourceAnswer> FetchAsync(SourceRequest request, CancellationToken cancellationToken)
    {
        var vo = (VoSourceRequest)request;
        var reader = vo.MaxRows is { } maxRows ? _reader with { MaxRows = maxRows } : _reader;
        var call = vo.OtherService ? _call with { Mirrors = [] } : _call;
        try
        {
            var answer = vo.AsyncQuery is { } job
                ? await _client.QueryAsyncJobAsync(job, call, reader, null, cancellationToken).ConfigureAwait(false)
                : await _client.QueryAsync(vo.Request, call, reader, cancellationToken).ConfigureAwait(false);
            var table = answer.Table;
            if (vo.DropColumns is { Count: > 0 } drop && table.Columns.Any(c => drop.Contains(c.Name, StringComparer.Ordinal)))
            {
                table = new Tables.Model.Table([.. table.Columns.Where(c => !drop.Contains(c.Name, StringComparer.Ordinal))])
                {
                    Name = table.Name,
                    Description = table.Description,
                };
            }
            return new SourceAnswer
            {
                Table = table,
                BytesRead = answer.BytesRead,
                Notes = [.. answer.Diagnostics.Select(d => d.ToString())],
            };
        }
        catch (VoException ex)
        {
            throw VoFailures.ToSourceFailure(ex);
        }
    }

    /// <summary>The request with the definition's fixed extra parameters appended (SIA FORMAT, SSA FORMAT ...).</summary>
    protected VoSourceRequest WithFixedParameters(VoRequest request)
    {
        if (Definition.Parameters.Count == 0)
        {
            return new VoSourceRequest(request);
        }
        var parameters = request.Parameters.Concat(Definition.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)).ToList();
        return new VoSourceRequest(new VoRequest(request.Method, request.Endpoint, parameters)
        {
            Adql = request.Adql,
            Uploads = request.Uploads,
            IsIdempotent = request.IsIdempotent,
            ServiceRoot = request.ServiceRoot,
        });
    }
}
