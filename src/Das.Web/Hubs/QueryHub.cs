using System.Runtime.CompilerServices;
using Das.Engine.Execution;
using Das.Engine.Queries;
using Das.Web.Api;
using Microsoft.AspNetCore.SignalR;

namespace Das.Web.Hubs;

/// <summary>
/// Streams a query's outcomes to the page the moment each source completes: <c>connection.stream("StreamQuery",
/// "RA=..&amp;DEC=..")</c> yields JSON objects, the start line first, then one outcome each (the lines of
/// /api/query/stream, sent as they are written: see <see cref="JsonLine"/>). Closing the stream or the page cancels every source still running.
/// </summary>
public sealed class QueryHub(QueryService queries) : Hub
{
    /// <summary>Runs the query written as a URL query string.</summary>
    public async IAsyncEnumerable<JsonLine> StreamQuery(string query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var access = QueryApi.Access(Context.User!);
        var prepared = await queries.PrepareAsync(QueryParameters.SplitQueryString(query ?? ""), access, cancellationToken);
        if (prepared.Errors.Count > 0)
        {
            yield return JsonLine.FromString(StreamJson.ErrorsLine(prepared.Errors));
            yield break;
        }
        yield return new JsonLine(StreamJson.StartLine(prepared));
        await foreach (var outcome in queries.RunAsync(prepared, access, cancellationToken))
        {
            yield return new JsonLine(await OutcomeJson.ToUtf8Async(outcome, includeTable: true, null, cancellationToken));
        }
    }
}
