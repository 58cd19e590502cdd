using System.Text.Json;
using Das.Engine.Queries;

namespace Das.Web.Api;

/// <summary>The JSON pieces of the API besides the outcomes themselves (those are <c>OutcomeJson</c>).</summary>
internal static class StreamJson
{
    /// <summary>The first line of a stream: the query as understood, the sources that will answer, the problems.</summary>
    public static byte[] StartLine(PreparedQuery prepared)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "start");
            WriteQuery(json, prepared);
            json.WriteStartArray("sources");
            foreach (var source in prepared.Sources)
            {
                json.WriteStartObject();
                json.WriteString("id", source.Descriptor.Id);
                json.WriteString("title", source.Descriptor.Title);
                json.WriteString("kind", source.Descriptor.Kind.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteStrings(json, "problems", prepared.Problems);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static void WriteQuery(Utf8JsonWriter json, PreparedQuery prepared)
    {
        var q = prepared.Query!;
        json.WriteStartObject("query");
        json.WriteNumber("ra", q.Position.Ra);
        json.WriteNumber("dec", q.Position.Dec);
        json.WriteNumber("fovArcmin", q.FovArcmin);
        json.WriteNumber("errArcsec", q.ErrArcsec);
        json.WriteString("targetName", q.TargetName);
        if (prepared.Resolution is { } r)
        {
            json.WriteString("resolvedBy", r.ResolvedBy);
            json.WriteString("objectType", r.ObjectType);
        }
        json.WriteEndObject();
    }

    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    /// <summary>A 400 body: every bad parameter with its message (and, for RA/DEC, the character).</summary>
    public static object Errors(IReadOnlyList<QueryParameterError> errors) => new { errors = ErrorList(errors) };

    /// <summary>The hub's answer to bad parameters: <c>{"type":"errors","errors":[...]}</c>.</summary>
    public static string ErrorsLine(IReadOnlyList<QueryParameterError> errors) =>
        JsonSerializer.Serialize(new { type = "errors", errors = ErrorList(errors) });

    private static IEnumerable<object> ErrorList(IReadOnlyList<QueryParameterError> errors) =>
        errors.Select(e => new { parameter = e.Parameter, message = e.Message, index = e.Index });

}
