using Das.Tables.Model;
using Das.Tables.VoTable;
using Das.Vo.Errors;
using Das.Vo.Http;

namespace Das.Vo.Answers;

/// <summary>
/// Turns what a service sent into a table or into one specific error, the same way for every protocol:
/// HTML pages, empty or malformed bodies, QUERY_STATUS=ERROR (DaCHS sends it with HTTP 200), SCS's INFO name="Error",
/// OVERFLOW, and bodies cut short by the network or the budget (rows read so far kept, flagged).
/// </summary>
public static class VoAnswerReader
{
    /// <summary>Reads a response body as a VOTable and interprets it.</summary>
    public static async Task<VoTableAnswer> ReadAsync(VoResponse response, VoTableReaderOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var result = await VoTableReader.ReadAsync(response.Body, options, cancellationToken);
        return Interpret(response.Request, result, response.BodyFault);
    }

    /// <summary>Interprets a read result (pure: tested on fixtures).</summary>
    /// <param name="request">The request, for provenance and error messages.</param>
    /// <param name="result">What the reader made of the body.</param>
    /// <param name="fault">Why the body stopped early, if it did.</param>
    public static VoTableAnswer Interpret(VoRequest request, VoTableReadResult result, BodyFault? fault)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var url = request.Url;
        if (result.Failure is { } failure)
        {
            throw FailureToException(url, failure, fault);
        }
        var document = result.Document ?? throw new VoFormatException(url, "the answer could not be read as a VOTable");
        var status = document.QueryStatus();
        if (status == QueryStatus.Error)
        {
            var info = document.QueryStatusInfo();
            throw new VoQueryException(url, FirstText(info?.Content, ErrorInfoText(document), "the service gave no reason"));
        }
        if (status == QueryStatus.Absent && ErrorInfoText(document) is { } scsError)
        {
            // SCS 1.03 reports errors as an INFO (or PARAM) named Error, with no QUERY_STATUS.
            throw new VoQueryException(url, scsError);
        }
        var table = document.FirstResultsTable()
            ?? throw new VoFormatException(url, "the VOTable holds no table (and no error message)");
        if (status == QueryStatus.Overflow)
        {
            var text = document.QueryStatusInfo()?.Content?.Trim();
            // The service's word beats our own row cap at its MAXREC: it says there were more rows.
            table.Truncation = table.Truncation is { Reason: not TruncationReason.RowCap } kept ? kept : new Truncation(TruncationReason.ServiceOverflow,
                "the service stopped at its row limit (QUERY_STATUS=OVERFLOW)" + (string.IsNullOrEmpty(text) ? "" : ": " + text));
        }
        if (table.Truncation?.Reason == TruncationReason.RowCap && request.MaxRecords is long maxrec && table.RowCount >= maxrec)
        {
            // Reading stopped at the MAXREC we sent because the service sent more: that is an overflow, whatever
            // the service wrote after the rows (DaCHS sends MAXREC + 1 rows when the query has a TOP).
            table.Truncation = new Truncation(TruncationReason.ServiceOverflow,
                $"the service has more rows than MAXREC={maxrec.ToString(System.Globalization.CultureInfo.InvariantCulture)}; the first {maxrec.ToString(System.Globalization.CultureInfo.InvariantCulture)} are kept");
        }
        if (fault is not null && table.Truncation?.Reason is null or TruncationReason.DocumentEndedEarly)
        {
            // The reader saw the document end early; the network layer knows why.
            table.Truncation = new Truncation(TruncationReason.DocumentEndedEarly, fault.Message + "; the rows read before that are kept");
        }
        return new VoTableAnswer
        {
            Request = request,
            Document = document,
            Table = table,
            Diagnostics = result.Diagnostics,
            BytesRead = result.BytesRead,
        };
    }

    private static VoException FailureToException(Uri url, ReadFailure failure, BodyFault? fault)
    {
        // An unreadable body that stopped early is a network or budget problem, not the service's format.
        if (fault is not null && failure.Kind is ReadFailureKind.EmptyBody or ReadFailureKind.XmlSyntax or ReadFailureKind.StreamError)
        {
            return new VoTransportException(url, fault.Message + " before a complete VOTable arrived");
        }
        return failure.Kind switch
        {
            ReadFailureKind.HtmlPage => new VoFormatException(url,
                "the service sent an HTML page instead of a VOTable" + (failure.HtmlTitle is { Length: > 0 } title ? $": \"{title}\"" : ""),
                failure.BodyStart),
            ReadFailureKind.EmptyBody => new VoFormatException(url, "the service sent an empty answer"),
            ReadFailureKind.NotXml => new VoFormatException(url, "the service sent something that is not a VOTable: " + failure.Message, failure.BodyStart),
            ReadFailureKind.NotVoTable => new VoFormatException(url, failure.Message, failure.BodyStart),
            ReadFailureKind.XmlSyntax => new VoFormatException(url, "the VOTable is malformed: " + failure.Message, failure.BodyStart,
                failure.Line > 0 ? failure.Line : null, failure.Column > 0 ? failure.Column : null),
            _ => new VoTransportException(url, failure.Message),
        };
    }

    private static string? ErrorInfoText(VoTableDocument document)
    {
        var infos = document.Infos.Concat(document.Resources.SelectMany(r => r.Infos));
        var info = infos.FirstOrDefault(i => string.Equals(i.Name, "Error", StringComparison.OrdinalIgnoreCase));
        if (info is not null)
        {
            return FirstText(info.Value, info.Content, "the service reported an error");
        }
        var param = document.Params.Concat(document.Resources.SelectMany(r => r.Params))
            .FirstOrDefault(p => string.Equals(p.Name, "Error", StringComparison.OrdinalIgnoreCase));
        return param is null ? null : FirstText(param.Value, param.Description, "the service reported an error");
    }

    private static string FirstText(params string?[] texts) =>
        texts.Select(t => t?.Trim()).First(t => !string.IsNullOrEmpty(t))!;
}
