using System.Globalization;
using Das.Vo.Adql;
using Das.Vo.Http;

namespace Das.Vo.Tap;

/// <summary>A TAP 1.1 query: ADQL made by the builder, with optional MAXREC, RESPONSEFORMAT and uploaded tables.</summary>
public sealed record TapQuery
{
    /// <summary>The TAP service's base URL (sync and async are below it).</summary>
    public required Uri BaseUrl { get; init; }
    /// <summary>The ADQL (only the builder can make an <see cref="AdqlFragment"/>).</summary>
    public required AdqlFragment Adql { get; init; }
    /// <summary>MAXREC, or null for the service default.</summary>
    public long? MaxRecords { get; init; }
    /// <summary>RESPONSEFORMAT, or null for VOTable.</summary>
    public string? ResponseFormat { get; init; }
    /// <summary>Tables to upload (TAP_UPLOAD.name in the ADQL).</summary>
    public IReadOnlyList<VoUpload> Uploads { get; init; } = [];

    /// <summary>The synchronous request: POST {base}/sync.</summary>
    public VoRequest BuildSyncRequest() => Build("sync", runNow: false);

    /// <summary>The asynchronous job creation: POST {base}/async, with PHASE=RUN so the job starts at once.</summary>
    public VoRequest BuildAsyncRequest() => Build("async", runNow: true);

    private VoRequest Build(string leaf, bool runNow)
    {
        if (string.IsNullOrWhiteSpace(Adql.Text))
        {
            throw new ArgumentException("the ADQL is empty");
        }
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("REQUEST", "doQuery"),
            new("LANG", "ADQL"),
            new("QUERY", Adql.Text),
        };
        if (MaxRecords is long maxrec)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxrec);
            parameters.Add(new("MAXREC", maxrec.ToString(CultureInfo.InvariantCulture)));
        }
        if (ResponseFormat is not null)
        {
            parameters.Add(new("RESPONSEFORMAT", ResponseFormat));
        }
        if (Uploads.Count > 0)
        {
            foreach (var upload in Uploads)
            {
                if (!AdqlIdentifier.TryParse(upload.Name, out var id, out var error) || id.Parts.Count != 1)
                {
                    throw new ArgumentException($"upload name '{upload.Name}' is not a simple ADQL name: {error}");
                }
            }
            parameters.Add(new("UPLOAD", string.Join(';', Uploads.Select(u => $"{u.Name},param:{u.Name}"))));
        }
        if (runNow)
        {
            parameters.Add(new("PHASE", "RUN"));
        }
        var endpoint = new Uri(BaseUrl.AbsoluteUri.TrimEnd('/') + "/" + leaf);
        // A synchronous query changes nothing on the server, so it may be retried; creating an async job may not.
        return new VoRequest(HttpMethod.Post, endpoint, parameters) { Adql = Adql.Text, Uploads = Uploads, IsIdempotent = !runNow };
    }
}
