using System.Globalization;
using System.Text;
using System.Text.Json;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Sources.Json;
using Das.Sources.Protocols;
using Das.Tables.Model;
using Das.Vo.Http;

namespace Das.Sources.Mast;

/// <summary>
/// MAST's Mashup API, for its cone services (<c>Mast.Catalogs.Tic.Cone</c> ...): <c>POST {endpoint}</c> with the form
/// field <c>request</c> holding <c>{"service": S, "params": {"ra", "dec", "radius" (degrees)}, "format": "json",
/// "pagesize": maxRows, "page": 1}</c>. The answer has <c>status</c> (EXECUTING: ask again; COMPLETE; ERROR with
/// <c>msg</c>), <c>fields</c> (name and type of each column), <c>data</c> (one object per row) and <c>paging</c>.
/// Setting: <c>service</c>, the Mashup service name.
/// </summary>
internal sealed class MastMashupProtocol(VoHttpClient http, TimeProvider time) : ISourceProtocol
{
    /// <summary>The first wait before asking again about an EXECUTING request; it doubles up to <see cref="LongestPoll"/>.</summary>
    public static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two asks.</summary>
    public static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(4);

    public string Name => "mast-mashup";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var problem in ProtocolSettings.Unknown(definition, Name, "service"))
        {
            yield return problem;
        }
        if (!definition.Parameters.TryGetValue("service", out var service))
        {
            yield return "parameter 'service' is required: the Mashup cone service, e.g. Mast.Catalogs.Tic.Cone";
        }
        else if (!(service.StartsWith("Mast.", StringComparison.Ordinal) && service.EndsWith(".Cone", StringComparison.Ordinal) &&
                   service.All(c => char.IsAsciiLetterOrDigit(c) || c == '.')))
        {
            yield return $"parameter 'service' = '{service}' must be a Mashup cone service such as Mast.Catalogs.Tic.Cone (ra, dec and radius are what Das sends)";
        }
    }

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, http, time);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoHttpClient http, TimeProvider time)
        : ApiSource(descriptor, definition, http)
    {
        private readonly string _service = definition.Parameters["service"];

        protected override string Expected => "MAST's JSON";

        protected override VoRequest Build(SourceSearch search)
        {
            var json = new MemoryStream();
            using (var writer = new Utf8JsonWriter(json))
            {
                writer.WriteStartObject();
                writer.WriteString("service", _service);
                writer.WriteStartObject("params");
                writer.WriteNumber("ra", search.Position.Ra);
                writer.WriteNumber("dec", search.Position.Dec);
                writer.WriteNumber("radius", search.RadiusDeg);
                writer.WriteEndObject();
                writer.WriteString("format", "json");
                writer.WriteNumber("pagesize", MaxRows);
                writer.WriteNumber("page", 1);
                writer.WriteEndObject();
            }
            // Asking changes nothing at MAST, so the POST may be retried and repeated while MAST says EXECUTING.
            return new VoRequest(HttpMethod.Post, Endpoint, [new("request", Encoding.UTF8.GetString(json.ToArray()))]) { IsIdempotent = true };
        }

        public override async Task<SourceAnswer> FetchAsync(SourceRequest request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            var api = (ApiRequest)request;
            long start = time.GetTimestamp();
            var wait = FirstPoll;
            while (true)
            {
                var body = await SendAsync(api.Request, cancellationToken).ConfigureAwait(false);
                if (!IsExecuting(body))
                {
                    return Interpret(api, body);
                }
                if (time.GetElapsedTime(start) + wait >= Descriptor.Budget)
                {
                    throw new SourceFailureException(SourceFailureKind.Timeout, string.Create(CultureInfo.InvariantCulture,
                        $"MAST was still executing the request after {time.GetElapsedTime(start).TotalSeconds:0.#} s, within a budget of {Descriptor.Budget.TotalSeconds:0.#} s"), isTransient: true);
                }
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestPoll.Ticks));
            }
        }

        private static bool IsExecuting(ReadOnlyMemory<byte> body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return Status(document.RootElement) == "EXECUTING";
            }
            catch (JsonException)
            {
                return false; // Interpret says what is wrong with it
            }
        }

        private static string? Status(JsonElement root) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;

        protected override SourceAnswer Interpret(ApiRequest request, ReadOnlyMemory<byte> body)
        {
            using var document = AnswerBody.ParseJson(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SourceFailureException(SourceFailureKind.Format, $"the answer is JSON but not MAST's answer object; it begins: {AnswerBody.Excerpt(body.Span)}");
            }
            if (string.Equals(Status(root), "ERROR", StringComparison.OrdinalIgnoreCase))
            {
                var message = root.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String && msg.GetString() is { Length: > 0 } text
                    ? text
                    : "no reason given";
                throw new SourceFailureException(SourceFailureKind.Query, "the service reported an error: " + message);
            }
            if (!root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array ||
                !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new SourceFailureException(SourceFailureKind.Format,
                    $"the answer has no 'fields' and 'data' lists (status {Status(root) ?? "missing"}); it begins: {AnswerBody.Excerpt(body.Span)}");
            }
            var table = JsonTable.Build(MastMashupFields.Read(fields), data.EnumerateArray());
            if (root.TryGetProperty("paging", out var paging) && Whole(paging, "pagesFiltered") is long pages && Whole(paging, "page") is long page && pages > page)
            {
                table.Truncation = new Truncation(TruncationReason.ServiceOverflow, string.Create(CultureInfo.InvariantCulture,
                    $"MAST has {pages} pages of {MaxRows} rows; the first page is kept (maxRows)"));
            }
            return new SourceAnswer { Table = table, BytesRead = body.Length };
        }

        private static long? Whole(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) &&
            value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) ? n : null;
    }
}
