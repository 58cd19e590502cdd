using System.Globalization;
using System.Text;
using System.Text.Json;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Sources.Json;
using Das.Sources.Protocols;
using Das.Tables.Model;
using Das.Vo.Errors;
using Das.Vo.Http;

namespace Das.Sources.Fink;

/// <summary>
/// The Fink broker's ZTF cone search (<c>/api/v1/conesearch</c>, sent as GET with a query string, which Fink treats
/// as its POST): <c>ra</c>, <c>dec</c> (degrees), <c>radius</c> (arcsec, at most 18,000), <c>n</c> (most alerts),
/// <c>columns</c> (the definition's columns, comma-separated), <c>output-format=json</c>. The answer is a JSON array
/// with one record per object (its last alert), nearest first.
/// </summary>
internal sealed class FinkProtocol(VoHttpClient http) : ISourceProtocol
{
    /// <summary>Fink refuses larger cones (5 degrees).</summary>
    public const double MaxRadiusArcsec = 18_000;

    public string Name => "fink";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var problem in ProtocolSettings.Unknown(definition, Name))
        {
            yield return problem;
        }
        foreach (var column in definition.Columns.Where(c => !IsFinkColumn(c)))
        {
            yield return $"column '{column}' is not a Fink column name such as i:objectId (a one-letter family, a colon, a name)";
        }
    }

    private static bool IsFinkColumn(string name) =>
        name.Length > 2 && char.IsAsciiLetterLower(name[0]) && name[1] == ':' && name[2..].All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, http);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoHttpClient http)
        : ApiSource(descriptor, definition, http)
    {
        protected override string Expected => "Fink's JSON";

        protected override VoRequest Build(SourceSearch search)
        {
            double radiusArcsec = search.RadiusDeg * 3600;
            if (!(radiusArcsec > 0 && radiusArcsec <= MaxRadiusArcsec))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Fink's cone search takes a radius of at most 18,000 arcsec (5 degrees); this search needs {radiusArcsec:0.#} arcsec"));
            }
            var parameters = new List<KeyValuePair<string, string>>
            {
                new("ra", UrlNumber.Exact(search.Position.Ra)),
                new("dec", UrlNumber.Exact(search.Position.Dec)),
                new("radius", UrlNumber.Short(radiusArcsec, 3)),
                new("n", MaxRows.ToString(CultureInfo.InvariantCulture)),
            };
            if (Definition.Columns.Count > 0)
            {
                parameters.Add(new("columns", string.Join(',', Definition.Columns)));
            }
            parameters.Add(new("output-format", "json"));
            return new VoRequest(HttpMethod.Get, Endpoint, parameters);
        }

        protected override SourceAnswer Interpret(ApiRequest request, ReadOnlyMemory<byte> body)
        {
            // An argument error can come back as Python's text of a dict, which is not JSON.
            var start = Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, 4096)]).TrimStart();
            if (start.StartsWith("{'", StringComparison.Ordinal) && FinkError.Text(start) is { } pythonError)
            {
                throw new SourceFailureException(SourceFailureKind.Query, "the service reported an error: " + pythonError);
            }
            using var document = AnswerBody.ParseJson(body);
            var root = document.RootElement;
            if (FinkError.Text(root) is { } error)
            {
                throw new SourceFailureException(SourceFailureKind.Query, "the service reported an error: " + error);
            }
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new SourceFailureException(SourceFailureKind.Format,
                    $"the answer is JSON but not the array of alerts Fink sends (it is {Describe(root.ValueKind)}); it begins: {AnswerBody.Excerpt(body.Span)}");
            }
            var rows = root.EnumerateArray().ToList();
            if (rows.Any(r => r.ValueKind != JsonValueKind.Object))
            {
                throw new SourceFailureException(SourceFailureKind.Format, "the answer's array holds something other than alert records");
            }
            var fields = rows.Count > 0 ? JsonTable.InferFields(rows, FinkFields.Known) : ExpectedFields();
            var table = JsonTable.Build(fields, rows);
            long asked = long.Parse(request.Request.Parameter("n")!, CultureInfo.InvariantCulture);
            if (rows.Count >= asked)
            {
                table.Truncation = new Truncation(TruncationReason.ServiceOverflow,
                    string.Create(CultureInfo.InvariantCulture, $"Fink returned {rows.Count} objects, the most asked for (n={asked}); there may be more"));
            }
            return new SourceAnswer { Table = table, BytesRead = body.Length };
        }

        // An empty answer still has the columns asked for, so an empty table looks like a full one.
        private List<Field> ExpectedFields() =>
        [
            .. Definition.Columns.Append(FinkFields.Separation).Distinct(StringComparer.Ordinal)
                .Select(c => FinkFields.Known.GetValueOrDefault(c) ?? JsonTable.Text(c)),
        ];

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => kind.ToString().ToLowerInvariant(),
        };

        // Fink's 400 answers carry the reason in a Python dict; the sentence keeps the reason and drops the braces.
        protected override SourceFailureException Translate(VoException exception) =>
            exception is VoHttpException http && FinkError.Text(http.ServiceMessage) is { } text
                ? new SourceFailureException(SourceFailureKind.Http, $"the service answered HTTP {(int)http.StatusCode}: {text}", http.IsTransient, http)
                : base.Translate(exception);
    }
}
