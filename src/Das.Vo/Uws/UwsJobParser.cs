using System.Globalization;
using System.Xml;
using Das.Vo.Xml;

namespace Das.Vo.Uws;

/// <summary>Reads a UWS 1.0/1.1 job document (the answer to GET on a job URL).</summary>
public static class UwsJobParser
{
    private const string XlinkNamespace = "http://www.w3.org/1999/xlink";

    /// <summary>Parses a job document; false with the reason when it is not one.</summary>
    public static bool TryParse(Stream document, out UwsJobInfo job, out string? error)
    {
        ArgumentNullException.ThrowIfNull(document);
        job = null!;
        try
        {
            using var reader = XmlReader.Create(document, SafeXml.Settings);
            if (!reader.MoveToContent().Equals(XmlNodeType.Element) || !reader.Is("job"))
            {
                error = reader.NodeType == XmlNodeType.Element
                    ? $"expected a UWS job document, found <{reader.Name}>"
                    : "expected a UWS job document, found no element";
                return false;
            }
            job = ReadJob(reader);
            error = null;
            return true;
        }
        catch (XmlException ex)
        {
            error = $"the UWS job document is not well-formed XML: {ex.Message}";
            return false;
        }
        catch (FormatException ex)
        {
            error = $"the UWS job document has a bad value: {ex.Message}";
            return false;
        }
    }

    /// <summary>Parses the phase text of <c>job/phase</c> or a job document's phase element.</summary>
    public static UwsPhase ParsePhase(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "PENDING" => UwsPhase.Pending,
        "QUEUED" => UwsPhase.Queued,
        "EXECUTING" => UwsPhase.Executing,
        "COMPLETED" => UwsPhase.Completed,
        "ERROR" => UwsPhase.Error,
        "ABORTED" => UwsPhase.Aborted,
        "HELD" => UwsPhase.Held,
        "SUSPENDED" => UwsPhase.Suspended,
        "ARCHIVED" => UwsPhase.Archived,
        _ => UwsPhase.Unknown,
    };

    private static UwsJobInfo ReadJob(XmlReader reader)
    {
        string? jobId = null, phase = null, owner = null, errorMessage = null, errorType = null;
        bool errorDetail = false;
        DateTimeOffset? quote = null, creation = null, start = null, end = null, destruction = null;
        long? duration = null;
        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var results = new List<UwsResultLink>();
        int depth = reader.Depth;
        reader.Read();
        // Every branch leaves the reader on the next node (reading an element's text consumes it).
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }
            switch (reader.LocalName)
            {
                case "jobId": jobId = Text(reader); break;
                case "phase": phase = Text(reader); break;
                case "ownerId": owner = Text(reader); break;
                case "quote": quote = Time(Text(reader)); break;
                case "creationTime": creation = Time(Text(reader)); break;
                case "startTime": start = Time(Text(reader)); break;
                case "endTime": end = Time(Text(reader)); break;
                case "destruction": destruction = Time(Text(reader)); break;
                case "executionDuration":
                    var d = Text(reader);
                    duration = string.IsNullOrWhiteSpace(d) ? null : long.Parse(d, NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "parameter":
                    var id = reader.GetAttribute("id") ?? "";
                    parameters[id] = Text(reader);
                    break;
                case "result":
                    results.Add(new UwsResultLink(reader.GetAttribute("id") ?? "", reader.GetAttribute("href", XlinkNamespace)));
                    reader.Skip();
                    break;
                case "errorSummary":
                    errorType = reader.GetAttribute("type");
                    errorDetail = string.Equals(reader.GetAttribute("hasDetail"), "true", StringComparison.OrdinalIgnoreCase);
                    reader.Read();
                    break;
                case "message": errorMessage = Text(reader)?.Trim(); break;
                default: reader.Read(); break;
            }
        }
        if (string.IsNullOrWhiteSpace(jobId))
        {
            throw new FormatException("the job has no jobId");
        }
        return new UwsJobInfo
        {
            JobId = jobId.Trim(),
            Phase = ParsePhase(phase),
            PhaseText = phase?.Trim() ?? "",
            OwnerId = owner,
            Quote = quote,
            CreationTime = creation,
            StartTime = start,
            EndTime = end,
            ExecutionDurationSeconds = duration,
            Destruction = destruction,
            Parameters = parameters,
            Results = results,
            ErrorMessage = errorMessage,
            ErrorType = errorType,
            ErrorHasDetail = errorDetail,
        };
    }

    private static string? Text(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return null;
        }
        bool nil = reader.IsNil();
        var text = reader.ReadElementContentAsString();
        return nil || text.Length == 0 ? null : text;
    }

    private static DateTimeOffset? Time(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
