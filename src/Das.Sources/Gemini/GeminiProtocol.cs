using System.Globalization;
using System.Text.Json;
using Das.Engine.Sources;
using Das.Sources.Catalog;
using Das.Sources.Json;
using Das.Sources.Protocols;
using Das.Tables.Columns;
using Das.Tables.Model;
using Das.Vo.Http;

namespace Das.Sources.Gemini;

/// <summary>
/// The Gemini Observatory Archive's JSON summary: <c>{endpoint}/notengineering/NotFail/ra=D/dec=D/sr=S</c>, the
/// selection written as path terms (the archive's URL model), ra and dec in decimal degrees with six decimals,
/// sr in arcseconds (the archive's unit when no 'd' follows). notengineering and NotFail are the terms astroquery
/// always adds. The answer is a JSON array of file records.
/// </summary>
internal sealed class GeminiProtocol(VoHttpClient http) : ISourceProtocol
{
    /// <summary>The path terms every query carries: no engineering data, no data that failed quality assessment.</summary>
    public static readonly IReadOnlyList<string> FixedTerms = ["notengineering", "NotFail"];

    public string Name => "gemini";

    public IEnumerable<string> Validate(SourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return ProtocolSettings.Unknown(definition, Name);
    }

    public IDataSource Create(SourceDefinition definition, SourceDescriptor descriptor) => new Source(descriptor, definition, http);

    private sealed class Source(SourceDescriptor descriptor, SourceDefinition definition, VoHttpClient http)
        : ApiSource(descriptor, definition, http)
    {
        protected override string Expected => "the archive's JSON summary";

        protected override VoRequest Build(SourceSearch search)
        {
            var terms = FixedTerms.Concat(
            [
                "ra=" + UrlNumber.Fixed(search.Position.Ra, 6),
                "dec=" + UrlNumber.Fixed(search.Position.Dec, 6),
                "sr=" + UrlNumber.Short(search.RadiusDeg * 3600, 3),
            ]);
            return new VoRequest(HttpMethod.Get, new Uri(Definition.Endpoint!.TrimEnd('/') + "/" + string.Join('/', terms)), []);
        }

        protected override SourceAnswer Interpret(ApiRequest request, ReadOnlyMemory<byte> body)
        {
            using var document = AnswerBody.ParseJson(body);
            var root = document.RootElement;
            // The archive documents no JSON error form (its errors are HTTP statuses with HTML pages): anything but the
            // list is shown as it began.
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new SourceFailureException(SourceFailureKind.Format,
                    $"the answer is JSON but not the list of files the archive sends; it begins: {AnswerBody.Excerpt(body.Span)}");
            }
            var rows = root.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).ToList();
            var kept = rows.Take((int)Math.Min(MaxRows, int.MaxValue)).ToList();
            var table = new Table([.. JsonTable.Build(GeminiFields.Fields, kept).Columns, AccessUrls(kept, request.Request.Endpoint)]);
            // The archive marks the last record of an open query it cut at its limit; our own row limit may cut too.
            if (rows.Count > 0 && rows[^1].TryGetProperty("results_truncated", out var truncated) && truncated.ValueKind == JsonValueKind.True)
            {
                table.Truncation = new Truncation(TruncationReason.ServiceOverflow,
                    string.Create(CultureInfo.InvariantCulture, $"the archive stopped at {rows.Count} files, its limit for open queries (results_truncated)"));
            }
            else if (rows.Count > kept.Count)
            {
                table.Truncation = new Truncation(TruncationReason.RowCap,
                    string.Create(CultureInfo.InvariantCulture, $"the first {kept.Count} of {rows.Count} files are kept (maxRows)"));
            }
            return new SourceAnswer { Table = table, BytesRead = body.Length };
        }

        // The download URL is not in the record: it is the archive's /file/ path of the record's name.
        private static StringColumn AccessUrls(List<JsonElement> rows, Uri endpoint)
        {
            var urls = new StringColumn(GeminiFields.AccessUrlField);
            foreach (var row in rows)
            {
                if (row.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } file)
                {
                    urls.Append(new Uri(endpoint, "/file/" + Uri.EscapeDataString(file)).AbsoluteUri);
                }
                else
                {
                    urls.AppendNull();
                }
            }
            return urls;
        }
    }
}
