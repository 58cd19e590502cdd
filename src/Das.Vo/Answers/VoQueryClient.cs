using Das.Tables.VoTable;
using Das.Vo.Http;
using Das.Vo.Tap;
using Das.Vo.Uws;

namespace Das.Vo.Answers;

/// <summary>
/// Runs any VOTable-returning request (SCS, SIA 1/2, SSA, TAP sync, VizieR ASU) or an async TAP job, and returns its
/// answer as a table, or throws one <see cref="Errors.VoException"/> that says what went wrong.
/// </summary>
public sealed class VoQueryClient
{
    private readonly VoHttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>Creates the client.</summary>
    public VoQueryClient(VoHttpClient http, TimeProvider time)
    {
        _http = http;
        _time = time;
    }

    /// <summary>Sends the request and reads the answer.</summary>
    public async Task<VoTableAnswer> QueryAsync(VoRequest request, VoCallOptions options, VoTableReaderOptions? readerOptions, CancellationToken cancellationToken)
    {
        await using var response = await _http.SendAsync(request, options, cancellationToken);
        return await VoAnswerReader.ReadAsync(response, CapAtMaxrec(request, readerOptions), cancellationToken);
    }

    // DALI says a service returns at most MAXREC rows; some (DaCHS with TOP) send one more with OVERFLOW.
    // Reading stops at the MAXREC we sent, so every source keeps the contract the user asked for.
    private static VoTableReaderOptions CapAtMaxrec(VoRequest request, VoTableReaderOptions? options)
    {
        options ??= VoTableReaderOptions.Default;
        if (request.MaxRecords is long maxrec && (options.MaxRows is null || options.MaxRows > maxrec))
        {
            return options with { MaxRows = maxrec };
        }
        return options;
    }

    /// <summary>Runs a TAP query as an async (UWS) job and reads its result.</summary>
    public async Task<VoTableAnswer> QueryAsyncJobAsync(TapQuery query, VoCallOptions options, VoTableReaderOptions? readerOptions,
        IProgress<UwsPhase>? progress, CancellationToken cancellationToken)
    {
        var result = await new TapAsyncJob(_http, _time).RunAsync(query, options, progress, cancellationToken);
        await using var body = result.Body;
        var read = await VoTableReader.ReadAsync(body, CapAtMaxrec(result.Request, readerOptions), cancellationToken);
        return VoAnswerReader.Interpret(result.Request, read, result.BodyFault);
    }
}
